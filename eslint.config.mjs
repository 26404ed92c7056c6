import tseslint from 'typescript-eslint';

/** Import rules from DESIGN.md §3 are enforced here so a wrong dependency fails `npm run lint`. */
export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['lib/kraken/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['next', 'next/*', 'react', 'react-dom', 'ws', 'server-only', '**/server/**', '**/lib/server/**', '**/lib/hooks/**', '@/*'] }],
    },
  },
  {
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['ws', '**/server/hub/**', '**/server/simulator/**', '@/server/*'] }],
    },
  },
  {
    files: ['server/**', 'lib/db/**', 'lib/session.ts', 'lib/auth/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/lib/server/**', '@/lib/server/*', 'server-only'] }],
    },
  },
);
