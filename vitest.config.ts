import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    // A PostgreSQL cluster and a migrated PGlite folder, made once for the Cloud's tests.
    globalSetup: ['tests/helpers/globalSetup.ts'],
  },
});
