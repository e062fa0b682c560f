import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setUpBus, updateAccount } from '../admin/index.js';
import { readOnlineTrust, readTrustPublic, trustLayout } from '../auth/index.js';
import { DEFAULT_BUS_SETTINGS } from '../bus/index.js';
import { connectAs, readStackFile, stackFilePath, writeStackFile, type StackFile } from '../client/index.js';
import { AccordError, errorMessage } from '../errors/index.js';
import { parsePublicJwk } from '../signing/index.js';
import { contextLayout } from './context-layout.js';
import { readDeploymentFile, writeDeploymentFile } from './deployment-file.js';
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
  /** As given (`--replicas`): checked here. */
  replicas: string;
  /** The policy a new bus routes under until another is applied. */
  defaultPolicyFile: string;
}

function copyInto(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  copyFileSync(from, to);
}

async function checkPublicKey(file: string, option: string): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AccordError('E_USAGE', `${option} ${file}: cannot read a JSON public key: ${errorMessage(error)}`);
  }
  await parsePublicJwk(parsed, `${option} ${file}`);
}

/** Everything `deployment init` was given, checked before anything is written. */
async function checkInput(input: DeploymentInitInput): Promise<number> {
  const replicas = Number(input.replicas);
  if (!/^\d+$/.test(input.replicas) || replicas < 1 || replicas > 5) {
    throw new AccordError('E_USAGE', `--replicas ${input.replicas}: expected 1 to 5 (3 on a 3-node cluster, 1 on one server)`);
  }
  for (const url of input.natsUrl.split(',').map((u) => u.trim())) {
    if (!/^tls:\/\/[^\s/:]+:\d+$/.test(url)) {
      throw new AccordError(
        'E_USAGE',
        `--nats ${url}: expected tls://HOST:PORT (Accord's servers speak TLS only), several separated by commas`,
      );
    }
  }
  if (!existsSync(trustLayout(input.keysDir).trust)) {
    throw new AccordError('E_USAGE', `--keys ${input.keysDir}: no trust.json there (make one with \`accord deployment keys --out DIR\`)`);
  }
  if (!existsSync(input.caFile)) throw new AccordError('E_USAGE', `--ca ${input.caFile} does not exist`);
  await checkPublicKey(input.busPublicKey, '--bus-public-key');
  await checkPublicKey(input.auditPublicKey, '--audit-public-key');
  return replicas;
}

/**
 * The trust chain's public files and online keys; never `offline/`. A folder that has
 * them already keeps its own (keys it made for agencies, the account it last pushed),
 * and refuses another chain's. trust.json goes last: a copy interrupted before it is
 * made again whole.
 */
function copyOnlineTrust(keysDir: string, into: string): void {
  const from = trustLayout(keysDir);
  const to = trustLayout(into);
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
  cpSync(from.online, to.online, { recursive: true });
  for (const pick of ['operatorJwt', 'systemAccountJwt', 'accountJwt', 'resolverConf', 'trust'] as const) copyInto(from[pick], to[pick]);
}

/**
 * Makes DIR the administration folder of a bus whose servers run elsewhere (no process
 * is started): the online trust chain, the CA and the bus's public keys; pushes the
 * Accord account to the servers' resolver (its scoped keys from this version, the
 * revocations the servers hold kept); issues the operator's and the auditor's
 * credentials; creates the streams and buckets where missing. Running it again (a new
 * CA, URLs or public keys) keeps the trust chain, the settings and the credentials DIR
 * issued.
 */
export async function initDeployment(input: DeploymentInitInput): Promise<StackFile> {
  const replicas = await checkInput(input);
  const layout = contextLayout(input.dir);
  mkdirSync(layout.dir, { recursive: true, mode: 0o700 });
  copyOnlineTrust(input.keysDir, layout.trust);
  copyInto(input.caFile, layout.caFile);
  copyInto(input.busPublicKey, layout.busPublicKey);
  copyInto(input.auditPublicKey, layout.auditPublicKey);
  const settings = { ...(existsSync(layout.deployment) ? readDeploymentFile(layout).settings : DEFAULT_BUS_SETTINGS), replicas };
  writeDeploymentFile(layout, { settings });

  const trust = readOnlineTrust(layout.trust);
  const endpoint = { natsUrl: input.natsUrl, caFile: layout.caFile };
  await withSystemUser(trust, endpoint, (sys) => updateAccount(sys, trust));
  const [auditorCreds = '', operatorCreds = ''] = await new FolderCredentials(layout, trust, endpoint).ensure([
    { kind: 'auditor' },
    { kind: 'operator' },
  ]);
  const previous = existsSync(stackFilePath(layout.dir)) ? readStackFile(layout.dir) : undefined;
  const stack: StackFile = {
    agencies: previous?.agencies ?? {},
    natsUrl: input.natsUrl,
    caFile: layout.caFile,
    busPublicKey: layout.busPublicKey,
    auditPublicKey: layout.auditPublicKey,
    auditorCreds,
    operatorCreds,
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
