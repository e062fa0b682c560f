export interface RedisConfigInput {
  port: number;
  dir: string;
  password: string;
}

/** Redis for the seen-notices set: loopback only, a password, and persistent (append-only file). */
export function redisConfig(c: RedisConfigInput): string {
  return [
    `bind 127.0.0.1`,
    `port ${c.port}`,
    `dir ${c.dir}`,
    `requirepass ${c.password}`,
    `appendonly yes`,
    `appendfsync everysec`,
    `save ""`,
    `daemonize no`,
    `protected-mode yes`,
    '',
  ].join('\n');
}
