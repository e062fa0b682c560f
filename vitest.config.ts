import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration files each start their own nats-server and Redis on free ports.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Services started in-process by tests stay quiet; their behaviour is asserted, not read.
    env: { ACCORD_LOG: 'off' },
  },
});
