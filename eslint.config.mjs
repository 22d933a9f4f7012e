// Lint enforces the layer rules of docs/ARCHITECTURE.md: shared/ is pure, the
// renderer never reaches into electron/, only electron/desktop/ imports
// electron, the core imports no host, and only the wrappers touch IPC.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const desktopOnly = 'electron/desktop/**/*.ts';
const noElectron = { name: 'electron', message: 'Only electron/desktop/ imports electron.' };
/** Folders of the hosts; the core (and common/) runs in any of them and imports none. */
const hostFolders = (...except) =>
  ['desktop', 'cli', 'web-host'].filter((f) => !except.includes(f)).map((f) => ({ group: [`**/electron/${f}/**`, `../${f}/**`, `../../${f}/**`], message: `electron/${f}/ is a host: import it only from itself.` }));

const rawIpc = (allowed) => ({
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'].filter((n) => n !== allowed),
  message: 'Raw IPC is only allowed in electron/desktop/ipc-main.ts (ipcMain) and electron/desktop/preload.ts (ipcRenderer).',
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
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/common/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: hostFolders() }] },
  },
  // `countersign serve` starts the loopback host.
  {
    files: ['electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: hostFolders('cli', 'web-host') }] },
  },
  {
    files: ['electron/web-host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: hostFolders('web-host') }] },
  },
  {
    files: [desktopOnly],
    ignores: ['electron/desktop/ipc-main.ts', 'electron/desktop/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc(null)], patterns: hostFolders('desktop') }] },
  },
  {
    files: ['electron/desktop/ipc-main.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc('ipcMain')], patterns: hostFolders('desktop') }] },
  },
  {
    files: ['electron/desktop/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc('ipcRenderer')], patterns: hostFolders('desktop') }] },
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
