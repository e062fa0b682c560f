import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration files each start their own nats-server and Redis on free ports.
    pool: 'forks',
    // Two files at a time: most integration time is spent waiting on servers and timers, not
    // on this process's CPU (one file at a time took 10.5 min on 2 cores, two take less).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Services started in-process by tests stay quiet; their behaviour is asserted, not read.
    env: { ACCORD_LOG: 'off' },
  },
});
