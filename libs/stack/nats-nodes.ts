import type { StackLayout } from './stack-layout.js';

/** One nats-server of a stack: the only one, or a node of its cluster. */
export interface NatsNode {
  /** Its name in the stack's process list and logs: "nats-server", then "nats-server-2", ... */
  name: string;
  /** Its `server_name`: JetStream knows a cluster's peers by it, so it never changes. */
  serverName: string;
  /** Its client port; ANY_PORT until it has bound one. */
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
  /** Absent in stacks made before servers were named by node: theirs are named by first client port. */
  serverNames?: string[];
}

export const CLUSTER_NAME = 'accord';

/** A client port of -1: nats-server binds any free one and writes it to its ports file. */
export const ANY_PORT = -1;

export function nodeName(index: number): string {
  return index === 0 ? 'nats-server' : `nats-server-${index + 1}`;
}

export function serverNameOf(name: string): string {
  return `accord-${name}`;
}

export function natsNodes(layout: StackLayout, natsPort: number, cluster: ClusterPorts | undefined): NatsNode[] {
  if (!cluster) return [{ name: nodeName(0), serverName: serverNameOf(nodeName(0)), port: natsPort, dir: layout.nats }];
  return cluster.natsPorts.map((port, i) => ({
    name: nodeName(i),
    serverName: cluster.serverNames?.[i] ?? `accord-${port}`,
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
