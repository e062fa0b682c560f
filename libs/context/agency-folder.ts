import { mkdirSync, writeFileSync } from 'node:fs';
import {
  addAgency,
  assertNotRegistered,
  issueNodeAccess,
  removeAgency,
  requireAgency,
  revokeAgencyKey,
  rotateAgencyCredentials,
  rotateAgencyKey,
  setCountedTlp,
  validateAgencyInput,
  type AddAgencyInput,
  type AgencyCredentials,
  type NodeAccess,
  type RevocationReason,
} from '../admin/index.js';
import type { Agency, AgencyKey, TlpName } from '../registry/index.js';
import { writeStackFile, type StackAgencyEntry } from '../client/index.js';
import { readJsonFile, writeSecretFile } from '../config/index.js';
import { generateSigningKeyPair, parsePublicJwk, type PublicJwk } from '../signing/index.js';
import { withAdmin, type AdminContext } from './admin-context.js';

async function publicKeyFrom(file: string): Promise<PublicJwk> {
  return parsePublicJwk(await readJsonFile(file, 'the public key'), file);
}

/** For demos only: a real agency generates its key itself and gives the bus the public half. */
async function generateDemoKey(context: AdminContext, id: string): Promise<{ jwk: PublicJwk; signingKeyFile: string }> {
  const pair = await generateSigningKeyPair();
  mkdirSync(context.layout.agency(id), { recursive: true, mode: 0o700 });
  const signingKeyFile = context.layout.agencyKey(id);
  writeSecretFile(signingKeyFile, `${JSON.stringify(pair.privateJwk, null, 2)}\n`);
  writeFileSync(`${signingKeyFile}.pub`, `${JSON.stringify(pair.publicJwk, null, 2)}\n`);
  return { jwk: pair.publicJwk, signingKeyFile };
}

/** The public key to register: the agency's own, or, without one, a demo key pair made into the folder. */
async function keyToRegister(
  context: AdminContext,
  id: string,
  supplied: PublicJwk | undefined,
): Promise<{ jwk: PublicJwk; signingKeyFile?: string }> {
  return supplied ? { jwk: supplied } : generateDemoKey(context, id);
}

function recordAgency(context: AdminContext, id: string, entry: StackAgencyEntry | undefined): void {
  const stack = context.stack;
  if (entry) stack.agencies[id] = entry;
  else delete stack.agencies[id];
  writeStackFile(context.layout.dir, stack);
}

/** `accord agency add` on a folder: the bus's part, then the agency's entry in stack.json. */
export async function addAgencyIn(
  dirArg: string,
  input: AddAgencyInput & { publicKeyFile?: string },
): Promise<{ agency: Agency; kid: string; signingKeyFile?: string }> {
  validateAgencyInput(input);
  const supplied = input.publicKeyFile ? await publicKeyFrom(input.publicKeyFile) : undefined;
  return withAdmin(dirArg, async (context) => {
    await assertNotRegistered(context, input.id);
    const { jwk, signingKeyFile } = await keyToRegister(context, input.id, supplied);
    const added = await addAgency(context, input, jwk);
    recordAgency(context, input.id, {
      ...(signingKeyFile ? { signingKey: signingKeyFile } : {}),
      adapterCreds: added.adapterCreds,
      liaisonCreds: added.liaisonCreds,
    });
    return { agency: added.agency, kid: added.kid, ...(signingKeyFile ? { signingKeyFile } : {}) };
  });
}

/** `accord agency rotate-key`: the agency's own new public key, or a demo key made into the folder. */
export async function rotateAgencyKeyIn(
  dirArg: string,
  id: string,
  publicKeyFile?: string,
): Promise<{ kid: string; signingKeyFile?: string }> {
  const supplied = publicKeyFile ? await publicKeyFrom(publicKeyFile) : undefined;
  return withAdmin(dirArg, async (context) => {
    await requireAgency(context, id);
    const { jwk, signingKeyFile } = await keyToRegister(context, id, supplied);
    const { kid } = await rotateAgencyKey(context, id, jwk);
    if (signingKeyFile) recordAgency(context, id, { ...context.stack.agencies[id], signingKey: signingKeyFile });
    return signingKeyFile ? { kid, signingKeyFile } : { kid };
  });
}

export async function rotateAgencyCredentialsIn(dirArg: string, id: string): Promise<AgencyCredentials> {
  return withAdmin(dirArg, async (context) => {
    const creds = await rotateAgencyCredentials(context, id);
    recordAgency(context, id, { ...context.stack.agencies[id], ...creds });
    return creds;
  });
}

export async function removeAgencyIn(dirArg: string, id: string): Promise<void> {
  await withAdmin(dirArg, async (context) => {
    await removeAgency(context, id);
    recordAgency(context, id, undefined);
  });
}

/** The agency node's credential, recorded in stack.json as `nodeCreds`. */
export async function issueNodeAccessIn(dirArg: string, agency: string, options: { renew?: boolean } = {}): Promise<NodeAccess> {
  return withAdmin(dirArg, async (context) => {
    const access = await issueNodeAccess(context, agency, options);
    recordAgency(context, agency, { ...context.stack.agencies[agency], nodeCreds: access.credentials });
    return access;
  });
}

export async function revokeAgencyKeyIn(
  dirArg: string,
  id: string,
  kid: string,
  reason: RevocationReason,
  since?: Date,
): Promise<AgencyKey> {
  return withAdmin(dirArg, (context) => revokeAgencyKey(context, id, kid, reason, since));
}

/** Which TLP levels of the agency's own notices the statistics count. */
export async function setCountedTlpIn(dirArg: string, id: string, levels: readonly TlpName[]): Promise<Agency> {
  return withAdmin(dirArg, (context) => setCountedTlp(context, id, levels));
}
