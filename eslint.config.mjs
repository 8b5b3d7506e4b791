// Lint rules that catch bugs, not layout (prettier owns layout): typescript-eslint's type-aware
// recommended set — a boolean in a template string, a promise nobody awaits, an unused value —
// with the few rules this code base breaks on purpose turned off, each saying why. `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'bench/**', 'scripts/**', 'examples/**', 'test/fixtures/**', 'media/**', 'test-artifacts/**', '*.mjs', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './test/tsconfig.json', './src/extension/heapViewer/webview/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Interface methods are async by contract (DumpFiles, DumpSource) even when one implementation needs no await.
      '@typescript-eslint/require-await': 'off',
      // Snapshot and DWARF codes are numbers read from the dump, compared against const enums by design.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Dumps hold control characters; the regular expressions that look for them mean it.
      'no-control-regex': 'off',
      // @vscode/debugadapter calls the request handlers the adapter overrides and ignores their result; each catches its own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { inheritedMethods: false } }],
      // `Cannot open dump: true` (a boolean that should have been a message) reached CI once: only text and numbers go into messages.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: false, allowNullish: false, allowAny: false, allowRegExp: false, allowNever: false }],
      // Its verdict differs from tsc's on some narrowed unions (heapLaunchProgress.test.ts): --fix removed assertions tsc needs.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // As TypeScript's noUnusedLocals: a property taken out by destructuring, to drop it from the rest, is used.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read JSON that a real process printed (JSON.parse gives any) and assert on its fields.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // An assertion's message may say a value was undefined: that is what it is for.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: false, allowNullish: true, allowAny: true, allowRegExp: false, allowNever: false }],
    },
  },
);
