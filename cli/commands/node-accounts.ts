import { AccessLog, isOfficerRole, OfficerStore, openNode, parseScopes, TokenStore, type OpenNode } from '../../libs/node/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, parseTime, requireOption } from '../parse-options.js';

async function withNode<T>(dir: string, work: (node: OpenNode) => T | Promise<T>): Promise<T> {
  const node = openNode(dir);
  try {
    return await work(node);
  } finally {
    node.close();
  }
}

export const nodeOfficerAddCommand: Command = {
  name: 'node officer add',
  summary: 'add an officer account to an agency node (prints a one-time password, once)',
  help: `Usage: accord node officer add NAME --role officer|supervisor|admin --dir NODE_DIR

Adds an officer account to the node in NODE_DIR and prints, once, its one-time password
(and, for a supervisor or an admin, the TOTP enrolment URI for an authenticator app).
Hand them to the officer in person: the one-time password works for one login, at which
the officer must choose a password of their own. The node keeps only an Argon2id hash of
it and the TOTP secret encrypted under the view key. NAME: a-z or 0-9, then up to 63 of
a-z 0-9 . _ -

  --role ROLE   officer, supervisor or admin; supervisors and admins log in with a
                TOTP code as well as their password

Example:
  accord node officer add ana.lopez --role supervisor --dir /srv/accord-node`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { role: { type: 'string' }, dir: { type: 'string' } },
      { min: 1, max: 1, names: 'the officer NAME' },
    );
    const name = positionals[0] ?? '';
    const role = requireOption(values.role, 'role');
    if (!isOfficerRole(role)) throw usageError(`--role ${role}: expected officer, supervisor or admin`);
    const added = await withNode(requireOption(values.dir, 'dir'), (node) =>
      new OfficerStore(node.db, node.cipher, node.config.agency).add(name, role),
    );
    const lines = [`officer ${name} (${role}) added`, `one-time password: ${added.oneTimePassword}`];
    if (added.totpUri !== undefined) lines.push(`TOTP enrolment URI (add it to an authenticator app): ${added.totpUri}`);
    lines.push(
      'Shown only this once. The officer must change the password at first login: the one-time password works for that one login only.',
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};

export const nodeOfficerDisableCommand: Command = {
  name: 'node officer disable',
  summary: 'disable an officer account on an agency node (its sessions end at once)',
  help: `Usage: accord node officer disable NAME --dir NODE_DIR

Disables the officer's account on the node in NODE_DIR: every login is refused from now
on and the officer's open sessions end at once. The account stays listed, so that what
the officer did remains attributed.

Example:
  accord node officer disable ana.lopez --dir /srv/accord-node`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { dir: { type: 'string' } }, { min: 1, max: 1, names: 'the officer NAME' });
    const name = positionals[0] ?? '';
    await withNode(requireOption(values.dir, 'dir'), (node) => new OfficerStore(node.db, node.cipher, node.config.agency).disable(name));
    process.stdout.write(`officer ${name} disabled; their sessions have ended\n`);
    return EXIT.ok;
  },
};

export const nodeOfficerResetCommand: Command = {
  name: 'node officer reset',
  summary: "give an officer's account a fresh start: a new one-time password (and TOTP enrolment), enabled again",
  help: `Usage: accord node officer reset NAME --dir NODE_DIR

For an officer who forgot their password, lost their authenticator, spent the one-time
password without choosing a password of their own, or whose disabled account is taken
back into use: prints, once, a new one-time password (and, for a supervisor or an admin,
a new TOTP enrolment URI: the old authenticator entry stops working), enables the
account and ends the officer's open sessions at once. What the officer did stays
attributed to the account.

Example:
  accord node officer reset ana.lopez --dir /srv/accord-node`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { dir: { type: 'string' } }, { min: 1, max: 1, names: 'the officer NAME' });
    const name = positionals[0] ?? '';
    const reset = await withNode(requireOption(values.dir, 'dir'), (node) =>
      new OfficerStore(node.db, node.cipher, node.config.agency).reset(name),
    );
    const lines = [
      `officer ${name} (${reset.officer.role}) reset and enabled; their sessions have ended`,
      `one-time password: ${reset.oneTimePassword}`,
    ];
    if (reset.totpUri !== undefined) lines.push(`TOTP enrolment URI (add it to an authenticator app): ${reset.totpUri}`);
    lines.push('Shown only this once. The officer must choose a password of their own at the next login.');
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};

export const nodeTokenCreateCommand: Command = {
  name: 'node token create',
  summary: "create an API token for an agency's own systems (printed once)",
  help: `Usage: accord node token create --name NAME --scope SCOPES --dir NODE_DIR

Creates an API token on the node in NODE_DIR and prints it once. The node stores only
its SHA-256 hash: copy it now into the system that will use it (as
\`Authorization: Bearer acn_...\`). NAME follows the rule of officer names.

  --scope SCOPES   one or more of read, publish, receipt, separated by commas:
                   read views, publish notices, send read receipts

Example:
  accord node token create --name case-system --scope read,receipt --dir /srv/accord-node`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      { name: { type: 'string' }, scope: { type: 'string' }, dir: { type: 'string' } },
      { min: 0, max: 0, names: '' },
    );
    const name = requireOption(values.name, 'name');
    const scopes = parseScopes(requireOption(values.scope, 'scope'));
    const created = await withNode(requireOption(values.dir, 'dir'), (node) => new TokenStore(node.db).create(name, scopes));
    process.stdout.write(
      `token ${name} (${created.info.scopes.join(', ')}) created:\n${created.token}\n` +
        'Shown only this once: the node stores only its SHA-256 hash.\n',
    );
    return EXIT.ok;
  },
};

export const nodeTokenRevokeCommand: Command = {
  name: 'node token revoke',
  summary: 'revoke an API token of an agency node (refused at once)',
  help: `Usage: accord node token revoke NAME --dir NODE_DIR

Revokes the API token NAME on the node in NODE_DIR: requests carrying it are refused from
now on. Its name stays taken; create the replacement under a new name.

Example:
  accord node token revoke case-system --dir /srv/accord-node`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { dir: { type: 'string' } }, { min: 1, max: 1, names: 'the token NAME' });
    const name = positionals[0] ?? '';
    await withNode(requireOption(values.dir, 'dir'), (node) => new TokenStore(node.db).revoke(name));
    process.stdout.write(`token ${name} revoked\n`);
    return EXIT.ok;
  },
};

export const nodeReadsCommand: Command = {
  name: 'node reads',
  summary: 'every read of a view through an agency node, for its data-protection officer',
  help: `Usage: accord node reads --dir NODE_DIR [--since T]

Prints every read of a view through the node in NODE_DIR, oldest first, one JSON object
per line: {"noticeId", "reader", "readAt"}. The reader is an officer's account
(officer:NAME) or an API token's system (token:NAME). The log holds no view content and
is kept after the views themselves are purged. The node's admins get the same through
GET /api/v1/reads.

  --since T   only reads at or after T (RFC 3339)

Example:
  accord node reads --dir /srv/accord-node --since 2026-11-01T00:00:00Z > reads-november.jsonl`,
  async run(argv) {
    const { values } = parseOptions(argv, { dir: { type: 'string' }, since: { type: 'string' } }, { min: 0, max: 0, names: '' });
    const since = values.since === undefined ? undefined : parseTime(values.since, 'since');
    const reads = await withNode(requireOption(values.dir, 'dir'), (node) => new AccessLog(node.db).reads(since));
    for (const read of reads) process.stdout.write(`${JSON.stringify(read)}\n`);
    process.stderr.write(`${reads.length} read(s)\n`);
    return EXIT.ok;
  },
};
