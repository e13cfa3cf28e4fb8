/**
 * The one typed place for build and packaging: electron-vite's build of main, preload and renderer
 * (default export) and electron-builder's packaging configuration (`builderConfig`).
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Configuration } from 'electron-builder';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src-main/core/csp.ts';

/** Puts the one CSP into index.html as a meta tag, so Electron, browser mode and a saved page agree. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'suite-csp-meta',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

export const builderConfig: Configuration = {
  appId: 'dev.devutil.suite',
  productName: 'DevUtil Suite',
  directories: { output: 'dist', buildResources: 'assets' },
  files: ['out/**/*', 'package.json'],
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { main: 'src-main/electron/main.ts', 'file-worker': 'src-main/tools/compare/file-worker.ts' },
        // Every chunk beside main.js, so worker files resolve next to the code that starts them.
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: 'src-main/electron/preload.ts' },
        // A sandboxed preload must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    build: { outDir: 'out/renderer', rollupOptions: { input: 'src-renderer/index.html' } },
    plugins: [svelte({ compilerOptions: { runes: true } }), contentSecurityPolicyMeta()],
  },
});
