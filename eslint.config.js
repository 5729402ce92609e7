// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Modules that perform I/O; the billing domain must stay pure so it can be tested by tables and properties. */
const ioModules = [
  'fs',
  'node:*',
  'fs/*',
  'pg',
  'pg-*',
  '@electric-sql/*',
  'kysely',
  'fastify',
  '@fastify/*',
  'nodemailer',
  'pdfmake',
  'pdfkit',
  'http',
  'https',
  'net',
  'child_process',
  '**/db/**',
  '**/adapters/**',
  '**/modules/**',
  '**/config',
  '**/config.ts',
];

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'web/dist', 'coverage', 'src/db/schema.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ioModules, message: 'src/domain is pure: no I/O imports.' }] },
      ],
      'no-restricted-globals': ['error', 'fetch', 'process'],
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
