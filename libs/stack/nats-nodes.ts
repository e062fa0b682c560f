import type { StackLayout } from './stack-layout.js';

/** One nats-server of a stack: the only one, or a node of its cluster. */
export interface NatsNode {
  /** Its name in the stack's process list and logs: "nats-server", then "nats-server-2", ... */
  name: string;
  port: number;
  /** Where it listens for routes from the other nodes (cluster only). */
  routePort?: number;
  /** Its configuration and JetStream store. */
  dir: string;
}

/** Where a cluster's nodes listen; the first node's client port is also `natsPort`. */
export interface ClusterPorts {
  natsPorts: number[];
  routePorts: number[];
}

export const CLUSTER_NAME = 'accord';

export function natsNodes(layout: StackLayout, natsPort: number, cluster: ClusterPorts | undefined): NatsNode[] {
  if (!cluster) return [{ name: 'nats-server', port: natsPort, dir: layout.nats }];
  return cluster.natsPorts.map((port, i) => ({
    name: i === 0 ? 'nats-server' : `nats-server-${i + 1}`,
    port,
    routePort: cluster.routePorts[i] ?? 0,
    dir: i === 0 ? layout.nats : `${layout.nats}-${i + 1}`,
  }));
}

/** What clients connect to: every node, so losing one is a reconnect, not an outage. */
export function natsUrlOf(nodes: readonly NatsNode[]): string {
  return nodes.map((n) => `tls://127.0.0.1:${n.port}`).join(',');
}

export function isNatsProcess(name: string): boolean {
  return name === 'nats-server' || name.startsWith('nats-server-');
}
