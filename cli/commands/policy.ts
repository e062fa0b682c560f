import { readFileSync } from 'node:fs';
import { openNoticeRegister, openRegistryBuckets, openWidenBook, watchRegistry } from '../../libs/bus/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { parseNoticeJson } from '../../libs/notice/index.js';
import {
  compilePolicyText,
  compilePolicyTextEnforced,
  formatProblem,
  invariantStatement,
  readPolicyFile,
} from '../../libs/policy/index.js';
import {
  decideRouting,
  explainRelations,
  readRelatedNotices,
  type AgencyDecision,
  type RelationsExplained,
  type TlpMembership,
} from '../../libs/routing/index.js';
import { applyPolicyIn, withAdmin } from '../../libs/context/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const policyCheckCommand: Command = {
  name: 'policy check',
  summary: 'validate a policy file: every problem with its line',
  help: `Usage: accord policy check FILE

Validates a need-to-know policy (docs/policy.md). Prints every problem as
FILE:LINE:COLUMN: path: what is wrong, and exits 1; exits 0 when the policy is usable.`,
  async run(argv) {
    const { positionals } = parseOptions(argv, {}, { min: 1, max: 1, names: 'the policy FILE' });
    const file = positionals[0] ?? '';
    const policy = compilePolicyText(await readPolicyFile(file), file, 'check');
    process.stdout.write(
      `${file}: policy "${policy.name}" is valid: ${policy.rules.length} rules (sha256 ${policy.digest.slice(0, 16)})\n`,
    );
    return EXIT.ok;
  },
};

export const policyApplyCommand: Command = {
  name: 'policy apply',
  summary: 'make a policy file the running version (no restart)',
  help: `Usage: accord policy apply FILE --dir DIR

Checks the policy (a bad one changes nothing: the running policy stays in force), stores
it as the next version and waits until routing decides under it. Every routing decision
records the policy version and the ids of the rules that decided it; the audit stream
records the change.`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { dir: { type: 'string' } }, { min: 1, max: 1, names: 'the policy FILE' });
    const { stored, inForce } = await applyPolicyIn(requireOption(values.dir, 'dir'), positionals[0] ?? '');
    const version = `${stored.name}@${stored.version}`;
    process.stdout.write(
      `policy ${version} applied${inForce ? '; routing decides under it' : ' (routing has not confirmed it yet: is the stack running?)'}\n`,
    );
    return EXIT.ok;
  },
};

const TLP_WORDS: Record<TlpMembership, string> = {
  addressee: 'addressed',
  'group-on-route': 'shares a group, on the route',
  group: 'shares a group',
  community: 'CLEAR: every agency',
  outside: 'outside the TLP set',
};

function row(d: AgencyDecision): string[] {
  return [d.agency, d.delivered ? 'yes' : 'no', TLP_WORDS[d.tlp], d.delivered ? d.categories.join(', ') : '-', d.ruleIds.join(', ') || '-'];
}

/** One line per invariant that removed something the rules granted, for the officer. */
export function invariantLines(d: AgencyDecision): string[] {
  return d.invariants.map(
    (i) => `${d.agency}: ${i.removed.join(', ')} withheld by invariant ${i.invariant} (${invariantStatement(i.invariant)})`,
  );
}

/** What relations and requests to widen add, in words. */
function relationLines(r: RelationsExplained): string[] {
  return [
    ...r.relations.map(
      (x) =>
        `${x.kind} of ${x.noticeId}: named to ${x.namedTo.join(', ') || 'no recipient'} (they received or issued it), withheld from the others`,
    ),
    ...r.tombstones.map((t) => `${t.recipient}: a tombstone for ${t.noticeIds.join(', ')} (an earlier recipient, not given this notice)`),
    ...(r.erasures > 0 ? [`the withdrawal erases ${r.erasures} delivered view(s) of the notice`] : []),
    ...r.requests.map((w) => `request ${w.requestId} by ${w.requester} for ${w.categories.join(', ')}: ${w.status}`),
  ];
}

export const policyExplainCommand: Command = {
  name: 'policy explain',
  summary: 'per agency: delivered or not, which categories, by which rules, which TLP limit',
  help: `Usage: accord policy explain --policy FILE NOTICE.json --dir DIR [--json]

Evaluates the policy FILE (not necessarily the running one) for the notice against
every agency registered on the stack in DIR, and says for each: delivered or not, its
place in the notice's TLP recipient set, the categories it would get, and the rules that
matched it; below the table, what an engine invariant withheld whatever the rules granted
(in --json, each agency's "invariants"). A policy whose rules would break an invariant
is explained all the same, its problems printed on stderr (policy check and apply refuse
it). For a notice with relations, what the engine adds whatever the policy says: to whom
each relation is named, which earlier recipients of an update or withdrawal get a
tombstone, how many views a withdrawal erases; for a notice already delivered, the
requests to widen it and their answers (in --json: "relations", "tombstones",
"erasures", "requests"). Nothing is published.`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { policy: { type: 'string' }, dir: { type: 'string' }, json: { type: 'boolean' } },
      { min: 1, max: 1, names: 'the NOTICE.json file' },
    );
    const file = requireOption(values.policy, 'policy');
    // A policy that would break an invariant is explained anyway (with its problems on
    // stderr): seeing what the engine withholds is how its author learns to fix it.
    const { policy, invariantProblems } = compilePolicyTextEnforced(await readPolicyFile(file), file, 'file');
    for (const p of invariantProblems)
      process.stderr.write(`warning: policy check and apply refuse this policy: ${formatProblem(file, p)}\n`);
    const noticeFile = positionals[0] ?? '';
    let text: string;
    try {
      text = readFileSync(noticeFile, 'utf8');
    } catch (error) {
      throw usageError(`cannot read ${noticeFile}: ${(error as Error).message}`);
    }
    const notice = parseNoticeJson(text);
    const { agencies, related, requests } = await withAdmin(requireOption(values.dir, 'dir'), async ({ nc }) => {
      const live = await watchRegistry(await openRegistryBuckets(nc), () => undefined);
      live.stop();
      return {
        agencies: live.registry.agencies(),
        related: await readRelatedNotices(await openNoticeRegister(nc), notice),
        requests: await (await openWidenBook(nc)).all(),
      };
    });
    const issuer = agencies.find((a) => a.id === notice.issuingAgency);
    if (!issuer)
      throw new AccordError('E_UNKNOWN_AGENCY', `the notice's issuing agency ${notice.issuingAgency} is not registered on this stack`);
    const decision = decideRouting(notice, issuer, agencies, policy);
    const delivered = decision.agencies.filter((a) => a.delivered).map((a) => a.agency);
    const relations = explainRelations(notice, delivered, related, requests);
    if (values.json) {
      const problems = invariantProblems.map((p) => formatProblem(file, p));
      process.stdout.write(
        `${JSON.stringify({ policy: policy.name, digest: policy.digest, noticeId: notice.noticeId, invariantProblems: problems, agencies: decision.agencies, ...relations })}\n`,
      );
      return EXIT.ok;
    }
    const others = decision.agencies.filter((d) => d.agency !== issuer.id);
    const table = [['agency', 'delivered', 'TLP', 'categories', 'rules'], ...others.map(row)];
    const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? [];
    process.stdout.write(`policy "${policy.name}" (sha256 ${policy.digest.slice(0, 16)}), notice ${notice.noticeId} from ${issuer.id}\n`);
    for (const r of table)
      process.stdout.write(`${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}\n`);
    for (const line of others.flatMap(invariantLines)) process.stdout.write(`${line}\n`);
    for (const line of relationLines(relations)) process.stdout.write(`${line}\n`);
    return EXIT.ok;
  },
};
