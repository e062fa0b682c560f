export interface RedisConfigInput {
  port: number;
  dir: string;
}

/** Redis for the seen-notices set: loopback only, and persistent (append-only file). */
export function redisConfig(c: RedisConfigInput): string {
  return [
    `bind 127.0.0.1`,
    `port ${c.port}`,
    `dir ${c.dir}`,
    `appendonly yes`,
    `appendfsync everysec`,
    `save ""`,
    `daemonize no`,
    `protected-mode yes`,
    '',
  ].join('\n');
}
