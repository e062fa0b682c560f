import type { TlsMaterial } from './tls-material.js';

export interface NatsServerConfigInput {
  port: number;
  storeDir: string;
  serverName: string;
  /** JetStream fsync interval: "always" for deployments that demand it, else e.g. "2m". */
  syncInterval?: string;
  tls: TlsMaterial;
  /** The trust part (operator, system account, resolver): see resolverConfig. */
  trust: string;
  /** Where the server writes the ports it bound (a local stack's servers bind port -1). */
  portsFileDir?: string;
  /** For a node of a cluster: where it listens for routes, and its peers' route ports. */
  cluster?: { name: string; port: number; peerPorts: number[] };
}

const list = (items: string[]): string => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;

/** Routes between cluster nodes: mutual TLS with the stack's CA, so only its nodes join. */
function renderCluster(c: NonNullable<NatsServerConfigInput['cluster']>, tls: TlsMaterial): string[] {
  return [
    `cluster {`,
    `  name: ${JSON.stringify(c.name)}`,
    `  listen: "127.0.0.1:${c.port}"`,
    `  routes: ${list(c.peerPorts.map((p) => `nats-route://127.0.0.1:${p}`))}`,
    `  tls {`,
    `    cert_file: ${JSON.stringify(tls.routeCertFile)}`,
    `    key_file: ${JSON.stringify(tls.routeKeyFile)}`,
    `    ca_file: ${JSON.stringify(tls.caFile)}`,
    `    timeout: 5`,
    `  }`,
    `}`,
  ];
}

/**
 * nats-server configuration: loopback only, TLS on the client port, no anonymous access
 * (operator mode: every user a JWT of the Accord account, signed by a scoped key whose
 * template fixes its permissions), JetStream on; for a cluster node, its routes.
 */
export function natsServerConfig(c: NatsServerConfigInput): string {
  return [
    `server_name: ${JSON.stringify(c.serverName)}`,
    `host: "127.0.0.1"`,
    `port: ${c.port}`,
    ...(c.portsFileDir ? [`ports_file_dir: ${JSON.stringify(c.portsFileDir)}`] : []),
    // Large enough for a 1 MiB submission (4 times ingest's limit) with its headers.
    `max_payload: 2MB`,
    `tls {`,
    `  cert_file: ${JSON.stringify(c.tls.certFile)}`,
    `  key_file: ${JSON.stringify(c.tls.keyFile)}`,
    `  timeout: 5`,
    `}`,
    c.trust.trimEnd(),
    `jetstream {`,
    `  store_dir: ${JSON.stringify(c.storeDir)}`,
    ...(c.syncInterval ? [`  sync_interval: ${JSON.stringify(c.syncInterval)}`] : []),
    `}`,
    ...(c.cluster ? renderCluster(c.cluster, c.tls) : []),
    '',
  ].join('\n');
}
