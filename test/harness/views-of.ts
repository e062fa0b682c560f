import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signNotice, verifySignedView } from '../../libs/client/index.js';
import { toCaseNotice } from '../../libs/disclosure/index.js';
import { isCategory, type Category } from '../../libs/notice/index.js';
import { compilePolicyText } from '../../libs/policy/index.js';
import { timestampFromDate, v1, type CaseNoticeProps, type ViewElement } from '../../libs/proto/index.js';
import { buildViewTemplate, personaliseView } from '../../libs/redaction/index.js';
import type { Agency, Role } from '../../libs/registry/index.js';
import { decideRouting } from '../../libs/routing/index.js';
import { signDetached, VIEW_TYP } from '../../libs/signing/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import { parties, type Parties } from './parties.js';
import { openedSigned } from './submissions.js';

/** An agency of the test's own registry. */
export interface TestRecipient {
  id: string;
  role: Role;
  country: string;
  groups?: string[];
}

/** What a recipient was delivered, as it arrives and once verified. */
export interface RecipientView {
  /** The SignedView bytes exactly as delivered. */
  raw: Uint8Array;
  view: v1.DeliveredView;
  /** Every element the recipient can read, originals and derived, after verification. */
  elements: ViewElement[];
  granted: Category[];
}

/** The keys of one run: an originator, the bus, and the bus's secrets. */
export interface ViewKeys extends Parties {
  secret: Uint8Array;
  pseudonymKey: Uint8Array;
}

export async function viewKeys(): Promise<ViewKeys> {
  return { ...(await parties()), secret: randomBytes(32), pseudonymKey: randomBytes(32) };
}

const policyFile = join(packageRoot(), 'policies', 'default.yaml');
const defaultPolicy = compilePolicyText(readFileSync(policyFile, 'utf8'), policyFile, 1);

/** A test recipient as the registry holds an agency. */
export const asAgency = (r: TestRecipient): Agency => ({
  id: r.id,
  role: r.role,
  country: r.country,
  groups: r.groups ?? ['med'],
  kids: [],
  registeredAt: '',
});

/**
 * The views of a notice as the bus makes them, without a broker: the originator signs
 * (the SDK's signNotice), the submission is opened as ingest opens it, the default policy
 * decides each recipient's categories, redaction builds and the bus signs each view, and
 * the recipient verifies it. Recipients not delivered map to undefined.
 */
export async function viewsOf(
  notice: CaseNoticeProps,
  issuer: TestRecipient,
  recipients: readonly TestRecipient[],
  keys: ViewKeys,
): Promise<Map<string, RecipientView | undefined>> {
  const submission = v1.SignedNotice.decode(await signNotice(notice, keys.originator));
  const decision = decideRouting(
    toCaseNotice(openedSigned(submission).opened.full),
    asAgency(issuer),
    [asAgency(issuer), ...recipients.map(asAgency)],
    defaultPolicy,
  );
  const out = new Map<string, RecipientView | undefined>();
  for (const r of recipients) {
    const d = decision.agencies.find((a) => a.agency === r.id);
    out.set(r.id, d?.delivered ? await viewWithGrants(notice, r.id, d.categories, keys, submission) : undefined);
  }
  return out;
}

/** One recipient's view under the categories given (the policy bypassed). */
export async function viewWithGrants(
  notice: CaseNoticeProps,
  recipient: string,
  categories: readonly string[],
  keys: ViewKeys,
  signed?: v1.SignedNotice,
): Promise<RecipientView> {
  const submission = signed ?? v1.SignedNotice.decode(await signNotice(notice, keys.originator));
  const { opened, signed: parts } = openedSigned(submission);
  const granted = new Set<Category>(['core', ...categories.filter(isCategory)]);
  const template = buildViewTemplate({
    notice: opened,
    signed: parts,
    signerKid: keys.originator.kid,
    granted,
    ruleIds: ['test'],
    policyVersion: 'test@1',
    receivedAt: timestampFromDate(new Date()),
    secret: keys.secret,
  });
  const bytes = v1.DeliveredView.encode(personaliseView(template, recipient, keys.pseudonymKey).view).finish();
  const raw = v1.SignedView.encode({ format: 1, view: bytes, jws: await signDetached(bytes, keys.bus, VIEW_TYP) }).finish();
  const verified = await verifySignedView(raw, keys.busKey, recipient, keys.originators);
  return { raw, view: verified.view, elements: verified.elements, granted: [...granted].sort() };
}
