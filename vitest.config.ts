import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: the e2e and model tests are heavy, so files run two at a time at most.
    maxWorkers: 2,
    pool: 'forks',
  },
});
