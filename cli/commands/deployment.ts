import { join } from 'node:path';
import { issueServiceCredentials } from '../../libs/admin/index.js';
import { createTrustChain, trustLayout } from '../../libs/auth/index.js';
import { SERVICES, type ServiceName } from '../../libs/bus/index.js';
import { initDeployment, withAdmin } from '../../libs/context/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const deploymentKeysCommand: Command = {
  name: 'deployment keys',
  summary: "make a deployment's trust chain: operator, accounts, signing keys, and the servers' resolver configuration",
  help: `Usage: accord deployment keys --out KEYDIR [--json]

Makes a new trust chain in KEYDIR (on an offline machine, ideally):
  KEYDIR/offline/   the operator's, the system account's and the Accord account's identity
                    keys, and the offline admin's credential (the only one that may
                    rewrite the audit streams): move them off the machine once made
  KEYDIR/online/    the operator signing key, the account's scoped signing keys (one per
                    role) and the system user that pushes account updates: what
                    \`accord deployment init\` copies to the administration machine
  KEYDIR/resolver.conf   for every nats-server: \`include resolver.conf\`, with the
                    environment variable ACCORD_RESOLVER_DIR naming the server's own
                    resolver directory (it stores the account JWTs pushed to it)
  KEYDIR/trust.json, *.jwt   public keys and JWTs`,
  async run(argv) {
    const { values } = parseOptions(argv, { out: { type: 'string' }, json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
    const out = requireOption(values.out, 'out');
    const trust = await createTrustChain(out);
    const files = trustLayout(out);
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ ...trust.public, resolverConf: files.resolverConf, offline: files.offline, online: files.online })}\n`,
      );
      return EXIT.ok;
    }
    process.stdout.write(
      [
        `operator ${trust.public.operator}, Accord account ${trust.public.account}`,
        `servers: include ${files.resolverConf} (set ACCORD_RESOLVER_DIR for each)`,
        `move ${files.offline} off this machine; \`accord deployment init --keys ${out}\` copies only ${files.online}`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};

export const deploymentInitCommand: Command = {
  name: 'deployment init',
  summary: 'make DIR the administration folder of a bus whose servers run elsewhere',
  help: `Usage: accord deployment init --dir DIR --nats URL[,URL..] --ca FILE --keys KEYDIR
                              --bus-public-key FILE --audit-public-key FILE [--replicas N]

No process is started. DIR gets the online half of the trust chain from KEYDIR (never
its offline/ keys), the CA and the bus's public keys; the Accord account is pushed to the
servers' resolver; the operator's and auditor's credentials are issued; the streams and
buckets are created where missing. Afterwards every verb takes --dir DIR as it does a
local stack's: agency add|rotate-creds|remove|rotate-key|revoke-key, policy apply,
status, audit ..., publish, inbox, service creds. Running it again keeps what DIR issued.

  --nats URL,..           the cluster's client URLs (tls://host:4222,...)
  --ca FILE               the CA the servers' certificates chain to
  --keys KEYDIR           made by \`accord deployment keys\`
  --bus-public-key FILE   the bus's view-signing public JWK (bus-signing.jwk.pub)
  --audit-public-key FILE the audit checkpoints' public JWK
  --replicas N            stream replicas: 3 on a 3-node cluster (default), 1 on one server`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        dir: { type: 'string' },
        nats: { type: 'string' },
        ca: { type: 'string' },
        keys: { type: 'string' },
        'bus-public-key': { type: 'string' },
        'audit-public-key': { type: 'string' },
        replicas: { type: 'string' },
      },
      { min: 0, max: 0, names: '' },
    );
    const stack = await initDeployment({
      dir: requireOption(values.dir, 'dir'),
      natsUrl: requireOption(values.nats, 'nats'),
      caFile: requireOption(values.ca, 'ca'),
      keysDir: requireOption(values.keys, 'keys'),
      busPublicKey: requireOption(values['bus-public-key'], 'bus-public-key'),
      auditPublicKey: requireOption(values['audit-public-key'], 'audit-public-key'),
      replicas: values.replicas ?? '3',
      defaultPolicyFile: join(packageRoot(), 'policies', 'default.yaml'),
    });
    process.stdout.write(
      `deployment context in ${values.dir}: NATS at ${stack.natsUrl}; clients read ${join(values.dir ?? '', 'stack.json')}\n`,
    );
    return EXIT.ok;
  },
};

export const serviceCredsCommand: Command = {
  name: 'service creds',
  summary: "issue (or, with --rotate, renew) a service's NATS credential",
  help: `Usage: accord service creds SERVICE --dir DIR [--rotate] [--json]

Writes the service's credential to DIR/secrets/service-SERVICE.creds and prints its
path; run again, it keeps the one issued. --rotate issues a new one and revokes the old
one at once on every server: instances still using it are cut off and reconnect with
the file when it is replaced in place. SERVICE: ${SERVICES.join(', ')}.`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { dir: { type: 'string' }, rotate: { type: 'boolean' }, json: { type: 'boolean' } },
      { min: 1, max: 1, names: 'the SERVICE' },
    );
    const service = positionals[0] ?? '';
    if (!(SERVICES as readonly string[]).includes(service)) throw usageError(`${service}: expected one of ${SERVICES.join(', ')}`);
    const issued = await withAdmin(requireOption(values.dir, 'dir'), (context) =>
      issueServiceCredentials(context, service as ServiceName, { rotate: values.rotate ?? false }),
    );
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ service, ...issued })}\n`
        : `${issued.issued ? 'issued' : 'kept'} the credential of ${service}: ${issued.credentials}\n`,
    );
    return EXIT.ok;
  },
};
