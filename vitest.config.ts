import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default on a 2-core machine is one worker, which left the suite running file after file.
    maxWorkers: Number(process.env.VITEST_WORKERS ?? 2),
    testTimeout: 30_000,
    // The tests' clocks are instants (09:00 UTC) and the business day is the machine's: every run
    // reads them in one zone, whatever the machine's. Tests about zones set their own TZ first.
    env: { TZ: 'UTC' },
    // A PostgreSQL cluster and a migrated PGlite folder, made once for the Cloud's tests.
    globalSetup: ['tests/helpers/globalSetup.ts'],
  },
});
