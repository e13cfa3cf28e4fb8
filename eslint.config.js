import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: ts.parser } },
    rules: {
      // The renderer holds no Node and no business logic: it reaches tools only through the bridge.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'No Node in the renderer.' },
            {
              regex: 'src-main/(?!contract/)',
              message: 'The renderer may import only the contract from src-main.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/tools/**/*.ts', 'src-main/core/**/*.ts', 'src-main/contract/**/*.ts'],
    rules: {
      // Tool code is plain TypeScript: Electron stays in src-main/electron.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Tool code must not import Electron.' }] },
      ],
    },
  },
);
