import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Files that run for minutes start first. On a fresh machine (CI) vitest has no timings and starts
// larger files first; the convergence fuzz, a small file that runs about two minutes, started
// last and ran alone while the other worker sat idle.
const STARTED_FIRST = ['tests/integration/sync/convergence.test.ts', 'tests/integration/pdf-pagination.test.ts'];

class LongRunningFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = STARTED_FIRST.findIndex((name) => file.moduleId.replaceAll('\\', '/').endsWith(name));
      return at === -1 ? STARTED_FIRST.length : at;
    };
    return (await super.sort(files)).map((file, order) => ({ file, order })).sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order).map(({ file }) => file);
  }
}

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
    sequence: { sequencer: LongRunningFirst },
  },
});
