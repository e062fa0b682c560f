import { copyFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setUpBus } from '../admin/index.js';
import { readOnlineTrust, readTrustPublic, trustLayout, updateAccount } from '../auth/index.js';
import { DEFAULT_BUS_SETTINGS, type BusSettings } from '../bus/index.js';
import { connectAs, readStackFile, stackFilePath, writeStackFile, type StackFile } from '../client/index.js';
import { AccordError } from '../errors/index.js';
import { contextLayout } from './context-layout.js';
import { writeDeploymentFile } from './deployment-file.js';
import { FolderCredentials, withSystemUser } from './folder-credentials.js';

export interface DeploymentInitInput {
  dir: string;
  /** The cluster's client URLs, comma-separated. */
  natsUrl: string;
  /** The CA the servers' TLS certificates chain to. */
  caFile: string;
  /** A trust chain made by `accord deployment keys`; only its public and online parts are copied. */
  keysDir: string;
  busPublicKey: string;
  auditPublicKey: string;
  replicas: number;
  /** The policy a new bus routes under until another is applied. */
  defaultPolicyFile: string;
}

function copyInto(from: string, to: string, what: string): void {
  if (!existsSync(from)) throw new AccordError('E_USAGE', `${what} ${from} does not exist`);
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  copyFileSync(from, to);
}

/**
 * The trust chain's public files and online keys; never `offline/`. A folder that has
 * them already keeps its own (keys it made for agencies, the account it last pushed),
 * and refuses another chain's.
 */
function copyOnlineTrust(keysDir: string, into: string): void {
  const from = trustLayout(keysDir);
  const to = trustLayout(into);
  if (!existsSync(from.trust))
    throw new AccordError('E_USAGE', `--keys ${keysDir}: no trust.json there (make one with \`accord deployment keys --out DIR\`)`);
  if (existsSync(to.trust)) {
    const [mine, theirs] = [readTrustPublic(into), readTrustPublic(keysDir)];
    if (mine.operator !== theirs.operator || mine.account !== theirs.account) {
      throw new AccordError(
        'E_STATE',
        `${into} administers account ${mine.account} of operator ${mine.operator}, not the one in ${keysDir}`,
      );
    }
    return;
  }
  for (const pick of ['trust', 'operatorJwt', 'systemAccountJwt', 'accountJwt', 'resolverConf'] as const)
    copyInto(from[pick], to[pick], 'the trust file');
  cpSync(from.online, to.online, { recursive: true });
}

/**
 * Makes DIR the administration folder of a bus whose servers run elsewhere (no process
 * is started): the online trust chain, the CA and the bus's public keys; pushes the
 * Accord account to the servers' resolver (its scoped keys from this version, the
 * revocations the servers hold kept); issues the operator's and the auditor's
 * credentials; creates the streams and buckets where missing. Running it again (a new
 * CA, URLs or public keys) keeps the trust chain and the credentials DIR issued.
 */
export async function initDeployment(input: DeploymentInitInput): Promise<StackFile> {
  if (!Number.isInteger(input.replicas) || input.replicas < 1 || input.replicas > 5) {
    throw new AccordError('E_USAGE', `--replicas ${input.replicas}: expected 1 to 5 (3 on a 3-node cluster)`);
  }
  const layout = contextLayout(input.dir);
  mkdirSync(layout.dir, { recursive: true, mode: 0o700 });
  copyOnlineTrust(input.keysDir, layout.trust);
  copyInto(input.caFile, layout.caFile, '--ca');
  copyInto(input.busPublicKey, layout.busPublicKey, '--bus-public-key');
  copyInto(input.auditPublicKey, layout.auditPublicKey, '--audit-public-key');
  const settings: BusSettings = { ...DEFAULT_BUS_SETTINGS, replicas: input.replicas };
  writeDeploymentFile(layout, { settings });

  const trust = readOnlineTrust(layout.trust);
  const endpoint = { natsUrl: input.natsUrl, caFile: layout.caFile };
  await withSystemUser(trust, endpoint, (sys) => updateAccount(sys, trust));
  const credentials = new FolderCredentials(layout, trust, endpoint);
  const ensure = async (identity: { kind: 'operator' } | { kind: 'auditor' }) => credentials.find(identity) ?? credentials.issue(identity);
  const previous = existsSync(stackFilePath(layout.dir)) ? readStackFile(layout.dir) : undefined;
  const stack: StackFile = {
    agencies: previous?.agencies ?? {},
    natsUrl: input.natsUrl,
    caFile: layout.caFile,
    busPublicKey: layout.busPublicKey,
    auditPublicKey: layout.auditPublicKey,
    auditorCreds: await ensure({ kind: 'auditor' }),
    operatorCreds: await ensure({ kind: 'operator' }),
  };
  writeStackFile(layout.dir, stack);
  const nc = await connectAs(stack, { kind: 'operator' });
  try {
    await setUpBus(nc, settings, input.defaultPolicyFile);
  } finally {
    await nc.close();
  }
  return stack;
}
