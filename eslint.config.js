// ESLint runs only the rules that need type information, which Biome (the main linter) cannot
// check reliably: every promise must be awaited or have its rejection handled. A floating promise
// that rejects is an unhandled rejection, and Node exits on one.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'],
  },
  {
    // Every TypeScript file a package's tsconfig includes (source, tests, agents, fixtures).
    files: [
      'packages/*/{src,test,scripts}/**/*.{ts,tsx}',
      'apps/*/{src,test,agents,scripts}/**/*.ts',
      'tooling/*/{src,test,fixtures}/**/*.{ts,tsx}',
    ],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: './tsconfig.lint.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
