export interface RedisConfigInput {
  socket: string;
  dir: string;
  password: string;
}

/** Redis for the seen-notices set: a Unix socket only (no TCP), owner-only, a password, and persistent (append-only file). */
export function redisConfig(c: RedisConfigInput): string {
  return [
    `port 0`,
    `unixsocket ${c.socket}`,
    `unixsocketperm 700`,
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
