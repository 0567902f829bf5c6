import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixture projects load real SDK typings; this is a hang guard, not a performance bar (see `npm run bench`).
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
