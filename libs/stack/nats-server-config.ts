export interface NatsServerConfigInput {
  port: number;
  storeDir: string;
  serverName: string;
  /** JetStream fsync interval: "always" for deployments that demand it, else e.g. "2m". */
  syncInterval?: string;
}

/** nats-server configuration of a local stack or test server: loopback only, JetStream on. */
export function natsServerConfig(c: NatsServerConfigInput): string {
  const lines = [
    `server_name: ${JSON.stringify(c.serverName)}`,
    `host: "127.0.0.1"`,
    `port: ${c.port}`,
    // Large enough for a 1 MiB submission (4 times ingest's limit) with its headers.
    `max_payload: 2MB`,
    `jetstream {`,
    `  store_dir: ${JSON.stringify(c.storeDir)}`,
    ...(c.syncInterval ? [`  sync_interval: ${JSON.stringify(c.syncInterval)}`] : []),
    `}`,
  ];
  return `${lines.join('\n')}\n`;
}
