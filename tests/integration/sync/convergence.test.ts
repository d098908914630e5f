// Convergence fuzz (fast-check): three computers, random changes from every kind of mutation, random
// sync order, partitions and restarts; afterwards everything agrees (tests/helpers/convergence.ts).
// FUZZ_RUNS sets the number of runs (200 here; `npm run bench` runs 10,000); a failure prints its
// seed and path, and FUZZ_SEED / FUZZ_PATH replay it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startCloud, testClock, type TestCloud } from '../../helpers/cloud';
import { convergenceRun, opArbitrary } from '../../helpers/convergence';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

describe('sync converges', () => {
  let cloud: TestCloud;
  const clock = testClock('2026-11-21T09:00:00.000Z');
  beforeAll(async () => {
    cloud = await startCloud('pglite', { clock });
  }, 120_000);
  afterAll(() => cloud?.close());

  it(`after random work on three computers, cut off and restarted, every computer and the Cloud hold the same books (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 5, maxLength: 40 }), (ops) => convergenceRun({ cloud, clock }, ops)),
      {
        numRuns: RUNS,
        ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
        ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
      },
    );
  }, 1_800_000);
});
