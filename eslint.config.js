// @ts-check
/**
 * `npm run lint`: typescript-eslint (strict, type-aware), the React hooks rules
 * and the layer rules of docs/ARCHITECTURE.md:
 *
 * - src/catalog imports nothing with I/O: no Node built-ins, no server, client, e2e or bench code.
 * - src/client and src/server only `import type` each other; both import src/catalog.
 * - a feature (src/client/features/<name>) does not import another feature; cross-feature wiring lives in src/client/app.
 * - src/ does not import e2e/ or bench/ (fakes shared by unit and e2e tests belong under src/server/testing).
 */
import { builtinModules } from 'node:module';
import eslint from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every Node built-in, with and without the `node:` prefix. */
const NODE_BUILTINS = [...builtinModules.filter((name) => !name.startsWith('_')), 'node:*'];

export default tseslint.config(
  { ignores: ['dist/', 'dist-server/', 'node_modules/', 'test-results/', 'playwright-report/', '.bench/'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@stylistic': stylistic },
    rules: {
      // Prettier wraps code at 160 columns but not long strings, template literals or comments: this catches those.
      '@stylistic/max-len': ['error', { code: 160, tabWidth: 2 }],
      // Numbers and booleans read naturally in messages (`${width}x${height} px`); objects and undefined still may not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `void promise` marks a deliberate fire-and-forget (event handlers, Node listeners).
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidOperator: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `import { type A }` alone still loads the module at run time (verbatimModuleSyntax): write `import type { A }`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // With noUncheckedIndexedAccess, `rows[0]!` is how a test, a benchmark or a fake says "this exists"; a wrong one fails
    // loudly there. Test infrastructure (src/server/testing: the fake provider servers, studio-server-process) is test code
    // too, and so is src/catalog/testing (fixtures read from docs/seeds). Code that ships narrows instead.
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts', 'src/server/testing/**/*.ts', 'src/catalog/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Tests read `any` on purpose: `await response.json()` checked by the assertion that follows, and vitest's asymmetric
    // matchers (`expect.any(String)`), which are typed `any`. A wrong shape fails the test itself. The same holds for the
    // test infrastructure under src/server/testing (fake provider servers read request bodies, studio-server-process).
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.spec.ts', 'src/server/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // A test helper such as `call<T>(server, path)` names the JSON body type it expects in its return only; the
      // assertions that follow check the shape. A type parameter used once is a typed cast there, on purpose.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      // The missing-dependency bug (use-active-generation-polling) is an error, not a warning.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/catalog/**/*.ts'],
    // Tests and their support under src/catalog/testing (e.g. runware-examples.ts reads the seed pages in docs/seeds with
    // node:fs) run only under vitest and never ship: they may use Node built-ins. Catalog code proper stays pure.
    ignores: ['src/catalog/**/*.test.ts', 'src/catalog/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.filter((name) => name !== 'node:*').map((name) => ({ name, message: 'src/catalog is pure: no I/O (docs/ARCHITECTURE.md).' })),
          patterns: [{ group: ['node:*'], message: 'src/catalog is pure: no I/O (docs/ARCHITECTURE.md).' }],
        },
      ],
    },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.filter((name) => name !== 'node:*').map((name) => ({ name, message: 'The client runs in the browser: no Node built-ins.' })),
          patterns: [{ group: ['node:*'], message: 'The client runs in the browser: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['src/**/*', 'e2e/**/*', 'bench/**/*'],
      'boundaries/elements': [
        { type: 'catalog', pattern: 'src/catalog' },
        { type: 'server', pattern: 'src/server' },
        { type: 'feature', pattern: 'src/client/features/*', capture: ['feature'] },
        { type: 'client', pattern: 'src/client' },
        { type: 'e2e', pattern: 'e2e' },
        { type: 'bench', pattern: 'bench' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { type: 'catalog' } },
              disallow: { to: { element: { types: { anyOf: ['server', 'client', 'feature', 'e2e', 'bench'] } } } },
              message: 'src/catalog is pure and shared: it imports no server, client, e2e or bench code (docs/ARCHITECTURE.md).',
            },
            {
              from: { element: { types: { anyOf: ['client', 'feature'] } } },
              disallow: { to: { element: { type: 'server' } }, dependency: { kind: 'value' } },
              message: 'The client may only `import type` from src/server (docs/ARCHITECTURE.md).',
            },
            {
              from: { element: { type: 'server' } },
              disallow: { to: { element: { types: { anyOf: ['client', 'feature'] } } }, dependency: { kind: 'value' } },
              message: 'The server may only `import type` from src/client (docs/ARCHITECTURE.md).',
            },
            {
              from: { element: { type: 'feature' } },
              disallow: { to: { element: { type: 'feature', captured: { feature: '!{{ from.element.captured.feature }}' } } } },
              message: 'Features do not import other features; wire them together in src/client/app (docs/STYLE.md).',
            },
            {
              from: { element: { types: { anyOf: ['catalog', 'server', 'client', 'feature'] } } },
              disallow: { to: { element: { types: { anyOf: ['e2e', 'bench'] } } } },
              message: 'src/ does not import e2e/ or bench/: shared fakes and fixtures belong under src/ (e.g. src/server/testing/).',
            },
          ],
        },
      ],
    },
  },
);
