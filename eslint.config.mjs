// Lint enforces the layer rules of ARCHITECTURE.md: shared/ is pure, the
// renderer never reaches into electron/, only the wrappers touch IPC.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const electronOnlyIn = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc-main.ts', 'electron/app-protocol.ts', 'electron/log-save.ts'];

const rawIpc = (allowed) => ({
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'].filter((n) => n !== allowed),
  message: 'Raw IPC is only allowed in electron/ipc-main.ts (ipcMain) and electron/preload.ts (ipcRenderer).',
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: `Only ${electronOnlyIn.join(', ')} import electron.` }],
        },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/app-protocol.ts', 'electron/log-save.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc(null)] }] },
  },
  {
    files: ['electron/ipc-main.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc('ipcMain')] }] },
  },
  {
    files: ['electron/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc('ipcRenderer')] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'path', 'os', 'crypto', 'electron', 'react', 'react-dom', 'conf', 'electron-store'].map((name) => ({
            name,
            message: 'shared/ is pure TypeScript: no Node, Electron, React or storage.',
          })),
          patterns: [
            { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ may not import from the layers above it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'conf', 'electron-store'].map((name) => ({ name, message: 'The renderer has no Node: talk to window.countersign.' })),
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node: talk to window.countersign.' },
            { group: ['**/electron/**'], message: 'The renderer never imports from electron/: use the contract in shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['*.config.ts', '*.config.mts', '*.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
