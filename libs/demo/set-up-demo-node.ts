import { existsSync, readFileSync } from 'node:fs';
import { readStackFile } from '../client/index.js';
import { AccordError } from '../errors/index.js';
import { initNode, nodeLayout, OfficerStore, openNode, readNodeConfig, writeNodeConfig, type OfficerRole } from '../node/index.js';
import type { DemoNode } from './demo-nodes.js';
import type { StoredSignIn } from './demo-sign-ins.js';

/** Where a demo account's password stands, as `make run` shows it. */
export type PasswordState =
  /** Still on the one-time password (unless a sign-in spent it without changing it). */
  | { kind: 'one-time'; oneTimePassword: string }
  /** The officer chose a password of their own: the one-time password is gone. */
  | { kind: 'changed' }
  /** The account exists but its one-time password was not kept (the sign-ins file was removed). */
  | { kind: 'not-kept' }
  | { kind: 'disabled' };

export interface DemoSignIn {
  name: string;
  role: OfficerRole;
  password: PasswordState;
  totpSecret?: string;
  totpUri?: string;
}

export interface DemoNodeSetUp {
  /** True when this run set the node's folder up; false when it reused it. */
  created: boolean;
  signIns: DemoSignIn[];
  /** What to keep of the node's demo accounts for the next run. */
  stored: Record<string, StoredSignIn>;
}

/** The secret an otpauth:// URI carries, for `oathtool --totp -b SECRET`. */
export function totpSecretOf(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) throw new AccordError('E_STATE', 'the TOTP enrolment URI carries no secret');
  return secret;
}

/**
 * A node folder set up earlier must still belong to this stack: a stack set up afresh
 * has a new bus key, whose views the old node would set aside. A stack restarted on
 * another NATS port (its own was taken) is followed.
 */
function reuseNode(nodeDir: string, stackDir: string, agency: string): void {
  const layout = nodeLayout(nodeDir);
  const config = readNodeConfig(layout.config);
  const afresh = `remove ${layout.dir} (its views and accounts go with it) and run again`;
  if (config.agency !== agency) throw new AccordError('E_STATE', `${layout.dir} is the node of ${config.agency}, not ${agency}: ${afresh}`);
  const stack = readStackFile(stackDir);
  if (!existsSync(config.credentials) || !readFileSync(config.busPublicKey).equals(readFileSync(stack.busPublicKey))) {
    throw new AccordError('E_STATE', `the node in ${layout.dir} was set up for another stack than the one in ${stackDir}: ${afresh}`);
  }
  if (config.natsUrl !== stack.natsUrl) writeNodeConfig(layout.config, { ...config, natsUrl: stack.natsUrl });
}

function passwordOf(stored: StoredSignIn | undefined, changeRequired: boolean, disabled: boolean): PasswordState {
  if (disabled) return { kind: 'disabled' };
  if (!changeRequired) return { kind: 'changed' };
  return stored ? { kind: 'one-time', oneTimePassword: stored.oneTimePassword } : { kind: 'not-kept' };
}

/**
 * Sets up (or reuses) a demo agency's node folder on a stack of this machine, as
 * `accord node init --stack` does, and makes sure its demo accounts exist, as `accord
 * node officer add` makes them: one-time passwords, TOTP for supervisors and admins.
 * Accounts that exist are left as they are; what was kept of them is shown again.
 */
export async function setUpDemoNode(
  nodeDir: string,
  stackDir: string,
  plan: DemoNode,
  kept: Record<string, StoredSignIn> = {},
): Promise<DemoNodeSetUp> {
  const created = !existsSync(nodeLayout(nodeDir).config);
  if (created) await initNode(nodeDir, plan.agency, { stack: stackDir });
  else reuseNode(nodeDir, stackDir, plan.agency);
  const node = openNode(nodeDir);
  try {
    const officers = new OfficerStore(node.db, node.cipher, plan.agency);
    const signIns: DemoSignIn[] = [];
    const stored: Record<string, StoredSignIn> = {};
    for (const { name, role } of plan.accounts) {
      const existing = officers.get(name);
      if (!existing) {
        const added = await officers.add(name, role);
        const { oneTimePassword, totpUri } = added;
        stored[name] =
          totpUri === undefined ? { role, oneTimePassword } : { role, oneTimePassword, totpSecret: totpSecretOf(totpUri), totpUri };
      } else {
        const before = kept[name];
        if (before) stored[name] = before;
      }
      const officer = officers.get(name);
      if (!officer) throw new AccordError('E_STATE', `officer ${name} of ${plan.agency} vanished as it was set up`);
      const entry = stored[name];
      const signIn: DemoSignIn = {
        name,
        role: officer.role,
        password: passwordOf(entry, officer.passwordChangeRequired, officer.disabled),
      };
      if (entry?.totpSecret !== undefined) signIn.totpSecret = entry.totpSecret;
      if (entry?.totpUri !== undefined) signIn.totpUri = entry.totpUri;
      signIns.push(signIn);
    }
    return { created, signIns, stored };
  } finally {
    node.close();
  }
}
