import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixture projects load real SDK typings; this is a hang guard, not a performance bar (see `npm run bench`).
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Vitest's default leaves a core for itself, which on a 2-core CI machine means one test file at a time;
    // its main process only waits here, and the test files are CPU-bound program loads.
    maxWorkers: availableParallelism(),
    // A worker runs its test files in one module graph: TypeScript is imported once per worker, and
    // `checkFixture` analyses a fixture once per worker instead of once per test file.
    isolate: false,
  },
});
