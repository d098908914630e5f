import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default on a 2-core machine is one worker, which left the suite running file after file.
    maxWorkers: Number(process.env.VITEST_WORKERS ?? 2),
    testTimeout: 30_000,
    // A PostgreSQL cluster and a migrated PGlite folder, made once for the Cloud's tests.
    globalSetup: ['tests/helpers/globalSetup.ts'],
  },
});
