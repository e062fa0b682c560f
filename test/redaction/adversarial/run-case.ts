/**
 * Runs one case of the corpus through the views (test/harness/views-of.ts) and the judge,
 * and says what is wrong with the result, one line per problem, with how many checks it
 * made. The tests only assert that the list is empty.
 */
import { signNotice } from '../../../libs/client/index.js';
import { isAccordError } from '../../../libs/errors/index.js';
import { compilePolicyText } from '../../../libs/policy/index.js';
import { v1, type CaseNoticeProps } from '../../../libs/proto/index.js';
import { decideRouting } from '../../../libs/routing/index.js';
import { asAgency, viewsOf, viewWithGrants, type RecipientView, type TestRecipient, type ViewKeys } from '../../harness/views-of.js';
import { ISSUER, MT_POLICE, type LeakCase, type PersonPick, type PolicyCase, type PseudonymCase, type RefusalCase } from './corpus-base.js';
import { expectedGrants, grantedNames, invariantBreaches, secretsOf } from './expected.js';
import { describeLeak, findLeaks, judgeView, witnessTraces } from './judge.js';
import { elementKind, shapeDifferences, shapeOf } from './view-shape.js';

export interface Outcome {
  problems: string[];
  checks: number;
}

export const issuerOf = (n: CaseNoticeProps): TestRecipient => (n.issuingAgency === MT_POLICE.id ? MT_POLICE : ISSUER);

/** The recipient's view of a notice: by the default policy, or with the categories given. */
export async function viewFor(
  notice: CaseNoticeProps,
  recipient: TestRecipient,
  keys: ViewKeys,
  grants?: readonly string[],
): Promise<RecipientView | undefined> {
  if (grants) return viewWithGrants(notice, recipient.id, grants, keys);
  return (await viewsOf(notice, issuerOf(notice), [recipient], keys)).get(recipient.id);
}

export const summaryOf = (rv: RecipientView): string | undefined =>
  rv.elements.find((e) => elementKind(e) === 'summary')?.summary ?? undefined;

/** The recipient's pseudonym for the person of that role and nationality. */
export function pseudonymOf(rv: RecipientView, who: PersonPick): string | undefined {
  const profile = rv.elements.find(
    (e) => e.personProfile && e.personProfile.role === who.role && e.personProfile.nationality === who.nationality,
  );
  if (!profile) return undefined;
  const person = profile.path.replace(/\/profile$/, '');
  return rv.elements.find((e) => e.path === `${person}/pseudonym`)?.pseudonym ?? undefined;
}

/** The categories the judge holds the recipient to: the case's own, or the default policy's. */
export function grantsFor(c: Pick<LeakCase, 'notice' | 'recipient' | 'grants'>, notice = c.notice): Set<string> | undefined {
  return c.grants ? new Set(['core', ...c.grants]) : expectedGrants(notice, c.recipient);
}

export async function checkLeakCase(c: LeakCase, keys: ViewKeys): Promise<Outcome> {
  const problems: string[] = [];
  const expected = grantsFor(c);
  let rv: RecipientView | undefined;
  try {
    rv = await viewFor(c.notice, c.recipient, keys, c.grants);
  } catch (error) {
    if (c.refusalAllowed && isAccordError(error) && error.code === 'E_SCHEMA') return { problems: [], checks: 1 };
    throw error;
  }
  if (c.expectGrants === 'none')
    return { problems: rv ? [`${c.recipient.id} was delivered the notice (granted ${rv.granted.join(', ')})`] : [], checks: 1 };
  if (!expected) return { problems: ['the corpus expects no delivery for this case: fix the case'], checks: 0 };
  if (!rv) return { problems: [`${c.recipient.id} was not delivered the notice`], checks: 1 };
  let checks = 1;
  if (c.expectGrants) {
    checks += 1;
    if (rv.granted.join(',') !== [...c.expectGrants].sort().join(','))
      problems.push(`granted ${rv.granted.join(', ')}, expected ${[...c.expectGrants].sort().join(', ')}`);
  }
  checks += 1;
  problems.push(...invariantBreaches(c.notice, c.recipient, rv.granted));

  const judgement = judgeView(rv, [...secretsOf(c.notice, expected), ...(c.extraSecrets ?? [])], grantedNames(c.notice, expected));
  checks += judgement.checks;
  problems.push(...judgement.leaks.map((l) => `leak: ${describeLeak(l)}`));

  const kinds = rv.elements.map(elementKind);
  checks += 2;
  if (!expected.has('summary') && kinds.includes('summary')) problems.push('a summary was delivered to a recipient not granted summary');
  if (!expected.has('person.profile') && (kinds.includes('personProfile') || kinds.includes('pseudonym')))
    problems.push('profiles or pseudonyms were delivered to a recipient not granted person.profile');
  if ((c.notice.caveats ?? []).includes(v1.Caveat.WITNESS_PROTECTION) && !expected.has('witness.identity')) {
    checks += 1;
    problems.push(...witnessTraces(rv, judgement.decoded).map((t) => `a trace of the protected witness: ${t}`));
  }
  const summary = summaryOf(rv) ?? '';
  for (const keep of c.mustKeep ?? []) {
    checks += 1;
    if (!summary.includes(keep)) problems.push(`"${keep}" is granted but not in the summary: "${summary}"`);
  }
  if (c.showsPseudonymOf) {
    checks += 1;
    const own = pseudonymOf(rv, c.showsPseudonymOf);
    if (!own || !summary.includes(own))
      problems.push(`the summary does not show the recipient's pseudonym ${own ?? '(none)'}: "${summary}"`);
    if (summary.includes('{{')) problems.push(`the summary shows its markup: "${summary}"`);
  }
  if (c.twin) {
    const twin = await viewFor(c.twin, c.recipient, keys, c.grants);
    checks += 1;
    if (!twin) problems.push('the twin notice (without the witness) was not delivered');
    else {
      problems.push(...shapeDifferences(shapeOf(rv), shapeOf(twin)).map((d) => `the view's shape betrays the witness: ${d}`));
      if (c.sameSummary && summary !== (summaryOf(twin) ?? ''))
        problems.push(`the summary "${summary}" differs from the twin's "${summaryOf(twin) ?? ''}"`);
    }
  }
  return { problems, checks };
}

export async function checkPseudonymCase(c: PseudonymCase, keys: ViewKeys): Promise<Outcome> {
  const a = await viewFor(c.a.notice, c.a.recipient, keys);
  const b = await viewFor(c.b.notice, c.b.recipient, keys);
  const pa = a && pseudonymOf(a, c.a.person);
  const pb = b && pseudonymOf(b, c.b.person);
  if (!pa || !pb) return { problems: [`no pseudonym to compare (first ${pa ?? 'none'}, second ${pb ?? 'none'})`], checks: 1 };
  const same = pa === pb;
  if (c.expect === 'same' && !same) return { problems: [`the pseudonyms differ (${pa}, ${pb}): the allowed link is lost`], checks: 1 };
  if (c.expect === 'different' && same) return { problems: [`both views show ${pa}: the pseudonym links them`], checks: 1 };
  return { problems: [], checks: 1 };
}

export async function checkRefusalCase(c: RefusalCase, keys: ViewKeys): Promise<Outcome> {
  try {
    await signNotice(c.notice, keys.originator);
  } catch (error) {
    if (!isAccordError(error)) return { problems: [`signNotice threw ${String(error)}, not an AccordError`], checks: 1 };
    const problems: string[] = [];
    if (error.code !== 'E_SCHEMA') problems.push(`code ${error.code}, expected E_SCHEMA`);
    if (error.path !== c.path) problems.push(`path ${String(error.path)}, expected ${c.path}`);
    if (!error.message.includes(c.names)) problems.push(`the message does not name ${c.names}: "${error.message}"`);
    problems.push(
      ...findLeaks([{ where: 'the error message', text: error.message }], c.values).map(
        (l) => `the message carries the value: ${describeLeak(l)}`,
      ),
    );
    return { problems, checks: 4 };
  }
  return { problems: [`signNotice accepted caseRef "${c.notice.caseRef ?? ''}"`], checks: 1 };
}

export function checkPolicyCase(c: PolicyCase): Outcome {
  let compiled: ReturnType<typeof compilePolicyText>;
  try {
    compiled = compilePolicyText(c.policy, `${c.name}.yaml`, 1);
  } catch (error) {
    if (isAccordError(error) && error.code === 'E_POLICY_INVALID') return { problems: [], checks: 1 };
    return { problems: [`the policy was refused without E_POLICY_INVALID: ${String(error)}`], checks: 1 };
  }
  const decision = decideRouting(c.notice, asAgency(ISSUER), [asAgency(ISSUER), ...c.recipients.map(asAgency)], compiled);
  const problems = c.recipients.flatMap((r) => {
    const d = decision.agencies.find((a) => a.agency === r.id);
    return d?.delivered ? invariantBreaches(c.notice, r, d.categories) : [];
  });
  return { problems: problems.map((p) => `the policy was accepted and breaks an invariant: ${p}`), checks: c.recipients.length };
}
