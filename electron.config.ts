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

/** Checksum files open in File Compare's verification (a SHA256SUMS without extension opens from the app). */
const CHECKSUM_EXTENSIONS = ['sha256', 'sha512', 'sha1', 'md5', 'sha256sum', 'sha512sum', 'md5sum'];

export const builderConfig: Configuration = {
  appId: 'dev.devutil.suite',
  productName: 'DevUtil Suite',
  copyright: 'MIT licence',
  directories: { output: 'dist', buildResources: 'assets' },
  files: ['out/**/*', 'package.json'],
  fileAssociations: [
    { ext: CHECKSUM_EXTENSIONS, name: 'Checksum file', description: 'Checksums to verify', role: 'Viewer' },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'assets/icons',
    category: 'Development',
    maintainer: 'DevUtil Suite developers <dev@devutil.local>',
    synopsis: 'File digests, time zones, environment variables and system inspection',
  },
  mac: {
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    icon: 'assets/icons/1024x1024.png',
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
  },
  win: { target: ['nsis', 'portable'], icon: 'assets/icons/256x256.png' },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true, perMachine: false },
  // Electron's security checklist: the packaged binary cannot be turned into a plain Node (RunAsNode,
  // NODE_OPTIONS, --inspect), runs only the app in its own checked asar, and keeps cookies encrypted.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    grantFileProtocolExtraPrivileges: false,
  },
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundled rather than loaded from node_modules: zod (tree-shaken; from node_modules it loads 95
      // modules, most of them locales), and the tz data JSON, whose import attribute an external
      // import would lose (Node refuses a JSON module without `type: 'json'`).
      externalizeDeps: { exclude: ['zod', 'moment-timezone', 'tzdata'] },
      rollupOptions: {
        // The CLI is built beside the app: scripts/devutil.js starts it when it is newer than the sources.
        input: {
          main: 'src-main/electron/main.ts',
          'file-worker': 'src-main/tools/compare/file-worker.ts',
          cli: 'src-main/cli/main.ts',
        },
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
