import type { OfficerRole } from '../node/index.js';

/** A demo sign-in to create on a node. */
export interface DemoAccount {
  name: string;
  role: OfficerRole;
}

/** A demo agency's node as `make run` sets it up. */
export interface DemoNode {
  agency: string;
  /**
   * A loopback address of its own: browsers keep cookies per host, not per port, so nodes
   * on one address would sign each other's officers out (every node's cookie is
   * `accord_session`). Linux answers on the whole of 127.0.0.0/8.
   */
  host: string;
  accounts: DemoAccount[];
}

/** The node's own default port (`accord node serve`); any free one when it is taken. */
export const DEMO_NODE_PORT = 8470;

/** The auditor console's address when it is free. */
export const DEMO_CONSOLE_LISTEN = { host: '127.0.0.1', port: 8480 } as const;

/**
 * Three agencies of the demo route, one each of the issuing police, the recipient
 * coastguard and the prosecutor; every node has an officer and a supervisor, the police
 * node an admin as well.
 */
export const DEMO_NODES: readonly DemoNode[] = [
  {
    agency: 'it-police',
    host: '127.0.0.2',
    accounts: [
      { name: 'marco.ricci', role: 'officer' },
      { name: 'elena.greco', role: 'supervisor' },
      { name: 'police.admin', role: 'admin' },
    ],
  },
  {
    agency: 'ly-coastguard',
    host: '127.0.0.3',
    accounts: [
      { name: 'omar.saleh', role: 'officer' },
      { name: 'salma.trabelsi', role: 'supervisor' },
    ],
  },
  {
    agency: 'it-prosecutor',
    host: '127.0.0.4',
    accounts: [
      { name: 'giulia.conti', role: 'officer' },
      { name: 'paolo.ferri', role: 'supervisor' },
    ],
  },
];
