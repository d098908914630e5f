// Lint, and DESIGN.md's import rules enforced: a layer that reaches where it must not fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'events', 'url', 'util'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-results/', 'playwright-report/', '.data/', '.cloud/', 'tests/tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  // TypeScript already knows which names exist.
  { files: ['**/*.{ts,tsx}'], rules: { 'no-undef': 'off' } },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./electron', './renderer', './tests'], message: 'shared/ imports no other folder of ours (DESIGN.md).' },
            { target: './renderer', from: './electron', message: 'The renderer talks to the main process only through shared/contract.ts.' },
            { target: './electron/core', from: './renderer', message: 'core/ never imports the renderer.' },
            { target: './electron/core', from: './electron/host', message: 'core/ does not know its transports.' },
            { target: './server', from: ['./electron', './renderer'], message: 'server/ imports only shared/ and npm packages (DESIGN.md); the desktop reaches it over HTTP.' },
            { target: ['./electron', './renderer', './shared'], from: './server', message: 'Only tests reach into server/; the app talks to the Cloud over HTTP.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'core/ and host/ run under plain Node: never import electron (DESIGN.md).' }] }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ and renderer/ run in a browser.' }],
          patterns: [{ group: nodeBuiltins, message: 'shared/ and renderer/ run in a browser: no Node modules.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
