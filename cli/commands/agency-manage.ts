import { readStackFile } from '../../libs/client/index.js';
import {
  issueNodeAccessIn,
  removeAgencyIn,
  rotateAgencyCredentialsIn,
  revokeAgencyKeyIn,
  rotateAgencyKeyIn,
} from '../../libs/context/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, parseTime, requireOption } from '../parse-options.js';

export const agencyRotateCredsCommand: Command = {
  name: 'agency rotate-creds',
  summary: "issue new NATS credentials for an agency's adapter, liaisons and node (old ones refused at once)",
  help: `Usage: accord agency rotate-creds ID --dir DIR

Issues new credentials (NATS .creds files) for the agency's adapter and its liaison
officers, and for its node when it has one, written to DIR/agencies/ID/. The old ones
are revoked in the account, pushed to every server: they are refused at once and
connections made with them are closed; no server is restarted or reconfigured. Hand the
new files to the agency; a node set up with --stack reads its renewed file in place as
it reconnects.`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { dir: { type: 'string' } }, { min: 1, max: 1, names: 'the agency ID' });
    const id = positionals[0] ?? '';
    const creds = await rotateAgencyCredentialsIn(requireOption(values.dir, 'dir'), id);
    process.stdout.write(`new credentials for ${id}:\n  adapter:  ${creds.adapterCreds}\n  liaisons: ${creds.liaisonCreds}\n`);
    if (creds.nodeCreds) process.stdout.write(`  node:     ${creds.nodeCreds}\n`);
    return EXIT.ok;
  },
};

export const agencyNodeAccessCommand: Command = {
  name: 'agency node-access',
  summary: "issue an agency node's own NATS credential and consumer of its deliveries",
  help: `Usage: accord agency node-access ID --dir DIR [--renew] [--json]

Gives the agency's node (\`accord node serve\`) a bus identity of its own: a credential at
DIR/agencies/ID/node.creds and a durable consumer of the agency's deliveries beside its
liaisons' inbox, so \`accord inbox\` with the liaisons' credential keeps receiving every
view too. The node may publish its agency's notices, read its decisions, take its views,
send read receipts and track its notices, and nothing more.

Run again, it keeps the credential it issued; --renew issues a new one (the old one is
refused at once). \`accord agency rotate-creds\` renews it too, at the same path.

  --renew   replace the node's credential
  --json    {"agency", "credentials", "issued", "caFile", "busPublicKey", "auditPublicKey"}

Hand the credential to the agency with the stack's CA and the bus's public key; on the
node's machine: accord node init --agency ID --dir NODE_DIR --nats URL --ca CA
  --creds node.creds --key ITS_SIGNING_KEY --bus-public-key bus-signing.jwk.pub`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { dir: { type: 'string' }, renew: { type: 'boolean' }, json: { type: 'boolean' } },
      { min: 1, max: 1, names: 'the agency ID' },
    );
    const id = positionals[0] ?? '';
    const dir = requireOption(values.dir, 'dir');
    const access = await issueNodeAccessIn(dir, id, { renew: values.renew ?? false });
    const stack = readStackFile(dir);
    if (values.json) {
      const handOver = { caFile: stack.caFile ?? null, busPublicKey: stack.busPublicKey, auditPublicKey: stack.auditPublicKey };
      process.stdout.write(`${JSON.stringify({ agency: id, credentials: access.credentials, issued: access.issued, ...handOver })}\n`);
      return EXIT.ok;
    }
    process.stdout.write(
      [
        `${access.issued ? 'issued' : 'kept'} the node credential of ${id}: ${access.credentials}`,
        'Hand it to the agency over a protected channel (it is a secret), with',
        ...(stack.caFile ? [`  the stack's CA:         ${stack.caFile}`] : []),
        `  the bus's public key:   ${stack.busPublicKey}`,
        `  the audit public key:   ${stack.auditPublicKey}`,
        `and the bus's address ${stack.natsUrl}; the agency runs \`accord node init --agency ${id} --nats URL ...\`.`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};

export const agencyRemoveCommand: Command = {
  name: 'agency remove',
  summary: 'remove an agency: its credentials, registry entry and inbox',
  help: `Usage: accord agency remove ID --dir DIR

Removes the agency: its credentials are refused at once, it receives nothing more, and
its inbox consumer is deleted. Its public keys stay registered so that what it signed
remains verifiable. The audit stream records the removal.`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { dir: { type: 'string' } }, { min: 1, max: 1, names: 'the agency ID' });
    const id = positionals[0] ?? '';
    await removeAgencyIn(requireOption(values.dir, 'dir'), id);
    process.stdout.write(`agency ${id} removed\n`);
    return EXIT.ok;
  },
};

export const agencyRotateKeyCommand: Command = {
  name: 'agency rotate-key',
  summary: 'add a new signing key for an agency (the old one stays valid until revoked)',
  help: `Usage: accord agency rotate-key ID [--public-key FILE] --dir DIR

Registers a new signing key for the agency: its own public JWK (from \`accord keys
generate\`), or without --public-key a demo key pair made into DIR/agencies/ID/. The
previous keys stay valid until revoked (\`accord agency revoke-key\`) or past their
notAfter, so notices signed just before the switch are still accepted.`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { dir: { type: 'string' }, 'public-key': { type: 'string' } },
      { min: 1, max: 1, names: 'the agency ID' },
    );
    const id = positionals[0] ?? '';
    const result = await rotateAgencyKeyIn(requireOption(values.dir, 'dir'), id, values['public-key']);
    process.stdout.write(`new key for ${id}: ${result.kid}${result.signingKeyFile ? ` (demo key: ${result.signingKeyFile})` : ''}\n`);
    return EXIT.ok;
  },
};

export const agencyRevokeKeyCommand: Command = {
  name: 'agency revoke-key',
  summary: "revoke one of an agency's signing keys (superseded or compromised)",
  help: `Usage: accord agency revoke-key ID KID --reason superseded|compromised [--since T] --dir DIR

  --reason superseded   no submission that reaches the bus from --since (default: now) on
                        is accepted with this key; those already queued still are
  --reason compromised  no submission signed with this key is accepted any more, even one
                        queued before; --since records when the compromise began
Views already delivered stay verifiable: the key stays known to recipients. The audit
stream records the revocation.`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { dir: { type: 'string' }, reason: { type: 'string' }, since: { type: 'string' } },
      // A kid is an RFC 7638 thumbprint, 43 base64url characters: one in 64 begins with "-".
      { min: 2, max: 2, names: 'the agency ID and the KID', last: /^[A-Za-z0-9_-]{43}$/ },
    );
    const reason = requireOption(values.reason, 'reason');
    if (reason !== 'superseded' && reason !== 'compromised') throw usageError(`--reason ${reason}: expected superseded or compromised`);
    const since = values.since ? parseTime(values.since, 'since') : undefined;
    const [id = '', kid = ''] = positionals;
    const key = await revokeAgencyKeyIn(requireOption(values.dir, 'dir'), id, kid, reason, since);
    process.stdout.write(`key ${kid} of ${id} revoked (${reason}) as of ${key.revokedAt}\n`);
    return EXIT.ok;
  },
};
