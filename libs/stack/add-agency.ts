import { mkdirSync, writeFileSync } from 'node:fs';
import { auditEventId } from '../audit/index.js';
import { ensureInboxConsumer, getAgency, openRegistryBuckets, publishServiceEvents, putAgency, putAgencyKey } from '../bus/index.js';
import { readStackFile, writeStackFile } from '../client/index.js';
import { readJsonFile, writeSecretFile } from '../config/index.js';
import { AccordError } from '../errors/index.js';
import { isCountryCode } from '../notice/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import { assertAgencyId, isRole, ROLES, type Agency, type AgencyKey, type Role } from '../registry/index.js';
import { generateSigningKeyPair, parsePublicJwk, type PublicJwk } from '../signing/index.js';
import { withOperator } from './operator-session.js';
import { identityStore, reloadStackNats, seedFileFor } from './stack-identities.js';
import type { StackLayout } from './stack-layout.js';

export interface AddAgencyInput {
  id: string;
  country: string;
  role: string;
  groups: string[];
  /** The agency's own public JWK file; without it a demo key pair is generated into DIR. */
  publicKeyFile?: string;
  /** RFC 3339: the key is refused for notices after this time. */
  notAfter?: string;
}

const GROUP = /^[a-z0-9][a-z0-9-]{0,63}$/;

function validate(input: AddAgencyInput): Role {
  assertAgencyId(input.id);
  if (!isCountryCode(input.country)) {
    throw new AccordError('E_USAGE', `--country ${input.country}: expected an ISO 3166-1 alpha-2 code such as IT or LY`);
  }
  if (!isRole(input.role)) throw new AccordError('E_USAGE', `--role ${input.role}: expected one of ${ROLES.join(', ')}`);
  for (const g of input.groups) {
    if (!GROUP.test(g)) throw new AccordError('E_USAGE', `--groups: "${g}" must be lower-case letters, digits and dashes`);
  }
  if (input.notAfter !== undefined && Number.isNaN(Date.parse(input.notAfter))) {
    throw new AccordError('E_USAGE', `--not-after ${input.notAfter}: expected an RFC 3339 time`);
  }
  return input.role;
}

/** For demos only: a real agency generates its key itself and gives the bus the public half. */
async function generateDemoKey(layout: StackLayout, id: string): Promise<{ jwk: PublicJwk; signingKeyFile: string }> {
  const pair = await generateSigningKeyPair();
  mkdirSync(layout.agency(id), { recursive: true, mode: 0o700 });
  const signingKeyFile = layout.agencyKey(id);
  writeSecretFile(signingKeyFile, `${JSON.stringify(pair.privateJwk, null, 2)}\n`);
  writeFileSync(`${signingKeyFile}.pub`, `${JSON.stringify(pair.publicJwk, null, 2)}\n`);
  return { jwk: pair.publicJwk, signingKeyFile };
}

/**
 * Registers an agency on a running stack: NATS credentials for its adapter and its
 * liaison officers (the broker takes them at once, by reload), the durable consumer of
 * its deliveries, its public key and its registry entry. Running services see it at once.
 */
export async function addAgency(dirArg: string, input: AddAgencyInput): Promise<{ agency: Agency; kid: string; signingKeyFile?: string }> {
  const role = validate(input);
  const supplied = input.publicKeyFile
    ? await parsePublicJwk(await readJsonFile(input.publicKeyFile, 'the public key'), input.publicKeyFile)
    : undefined;

  return withOperator(dirArg, async ({ layout, state, nc, js, jsm }) => {
    const buckets = await openRegistryBuckets(nc);
    if (await getAgency(buckets, input.id)) throw new AccordError('E_EXISTS', `agency ${input.id} is already registered`);
    const { jwk, signingKeyFile } = supplied ? { jwk: supplied, signingKeyFile: undefined } : await generateDemoKey(layout, input.id);

    const store = identityStore(layout);
    const adapter = store.issue({ kind: 'adapter', agency: input.id }, seedFileFor(layout, { kind: 'adapter', agency: input.id }));
    const liaison = store.issue({ kind: 'liaison', agency: input.id }, seedFileFor(layout, { kind: 'liaison', agency: input.id }));
    await reloadStackNats(layout, state);
    await ensureInboxConsumer(jsm, input.id, state.settings);

    const now = new Date().toISOString();
    const key: AgencyKey = { kid: jwk.kid, agency: input.id, jwk, status: 'active', addedAt: now };
    if (input.notAfter) key.notAfter = new Date(input.notAfter).toISOString();
    const agency: Agency = { id: input.id, country: input.country, role, groups: input.groups, kids: [jwk.kid], registeredAt: now };
    await putAgencyKey(buckets, key);
    await putAgency(buckets, agency);
    await publishServiceEvents(js, 'admin', [
      {
        eventId: auditEventId.keyChange(input.id, jwk.kid, 'agency-added'),
        kind: v1.AuditKind.KEY,
        time: timestampFromDate(new Date()),
        service: 'admin',
        agency: input.id,
        kid: jwk.kid,
        action: 'agency-added',
      },
    ]);
    const stack = readStackFile(layout.dir);
    stack.agencies[input.id] = {
      ...(signingKeyFile ? { signingKey: signingKeyFile } : {}),
      adapterCreds: adapter.seedFile,
      liaisonCreds: liaison.seedFile,
    };
    writeStackFile(layout.dir, stack);
    return signingKeyFile ? { agency, kid: jwk.kid, signingKeyFile } : { agency, kid: jwk.kid };
  });
}
