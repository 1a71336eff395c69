// npm run lint: type-aware rules for the shipped sources (client/src, server/src), the plain recommended
// ones for the tests and the scripts. tsc (npm run typecheck) stays the checker of types and names.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, installs and test data (fixtures and examples: their exact bytes are asserted).
  { ignores: ['dist/', 'packages/*/dist/', 'out/', '.vscode-test/', 'test-results/', 'test/fixtures/', 'examples/'] },
  // A disable comment that no longer suppresses anything is an error, so none outlives its reason.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  {
    rules: {
      // An empty catch is how this code says "best effort" (a file that may be gone, a process that may have exited).
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },

  {
    files: ['client/src/**/*.ts', 'server/src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A host's runtime (ServerRuntime) is async because the browser's is; the Node host answers at once, and
      // an async method without await is how it says so (a throw still becomes a rejection).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    extends: [tseslint.configs.recommended],
  },
  {
    files: ['**/*.ts'],
    rules: {
      // tsc reports unknown names, and unused ones (noUnusedLocals, noUnusedParameters): one checker, one set of exceptions.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },

  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['packages/*/bin/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
);
