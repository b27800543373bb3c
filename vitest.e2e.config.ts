import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A loaded CI machine renders slower than a laptop: wait up to 15 s for what the page shows.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
