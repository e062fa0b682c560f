import { afterAll, beforeAll, expect, test } from 'vitest';
import { messageIds, subjects } from '../../libs/bus/index.js';
import { signNotice } from '../../libs/client/index.js';
import type { Category } from '../../libs/notice/index.js';
import { messageToJson, v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import type { Role } from '../../libs/registry/index.js';
import { corpusNotice } from '../harness/corpus.js';
import { allDecisions, waitForDecisions } from '../harness/pipeline-counts.js';
import { deliveredViews } from '../harness/bus-readers.js';
import { registerAgency, type TestAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

const NOTICES = Number(process.env.ACCORD_CORPUS_NOTICES ?? 2000);
// One agency of every role, in countries on and off the generated routes; all share "med".
const RECIPIENTS: { id: string; country: string; role: Role }[] = [
  { id: 'it-police', country: 'IT', role: 'police' },
  { id: 'ly-border', country: 'LY', role: 'border-guard' },
  { id: 'mt-coastguard', country: 'MT', role: 'coastguard' },
  { id: 'it-prosecutor', country: 'IT', role: 'prosecutor' },
  { id: 'fr-fiu', country: 'FR', role: 'fiu' },
  { id: 'it-immigration', country: 'IT', role: 'immigration' },
  { id: 'ne-protection', country: 'NE', role: 'protection' },
  { id: 'tn-liaison', country: 'TN', role: 'liaison-office' },
  { id: 'eu-research', country: 'BE', role: 'research' },
];

let bus: TestBus;
let services: TestServices;
let issuer: TestAgency;

beforeAll(async () => {
  bus = await startTestBus();
  issuer = await registerAgency(bus, { id: 'gr-police', country: 'GR', role: 'police', groups: ['med'] });
  for (const r of RECIPIENTS) await registerAgency(bus, { ...r, groups: ['med'] });
  services = await startTestServices(bus);
}, 120_000);

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
});

// ---- The test's own reading of the default policy and the contract (not the engine's).

const LE: Role[] = ['police', 'border-guard', 'coastguard'];

function grantedTo(r: (typeof RECIPIENTS)[number], n: CaseNoticeProps): Set<Category> | undefined {
  const route = n.route ?? {};
  const countries = [...(route.origin ?? []), ...(route.transit ?? []), ...(route.destination ?? [])];
  const addressed = (n.addressees ?? []).includes(r.id);
  const inTlpSet =
    addressed || n.tlp === v1.Tlp.CLEAR || n.tlp === v1.Tlp.GREEN || (n.tlp === v1.Tlp.AMBER && countries.includes(r.country));
  if (!inTlpSet) return undefined;
  if (r.role === 'research') return n.tlp === v1.Tlp.CLEAR || n.tlp === v1.Tlp.GREEN ? new Set(['core']) : undefined;
  const has = (c: v1.Caveat) => (n.caveats ?? []).includes(c);
  const onRoute = countries.includes(r.country);
  const g = new Set<Category>(['core', 'person.profile']);
  if ([...LE, 'prosecutor', 'liaison-office'].includes(r.role) && onRoute) g.add('smuggler.identity');
  if (r.role === 'fiu' || r.role === 'prosecutor' || (r.role === 'police' && has(v1.Caveat.FINANCIAL_INVESTIGATION))) g.add('financial');
  if (r.role === 'prosecutor' && (has(v1.Caveat.WITNESS_PROTECTION) ? addressed : onRoute)) g.add('witness.identity');
  if ((r.role === 'immigration' || r.role === 'protection') && onRoute) g.add('migrant.identity');
  if ((r.role === 'immigration' || r.role === 'protection') && (route.destination ?? []).includes(r.country)) g.add('minor.identity');
  if (
    onRoute &&
    ((n.mode === v1.Mode.SEA && r.role === 'coastguard') || (n.mode === v1.Mode.LAND && (r.role === 'border-guard' || r.role === 'police')))
  )
    g.add('location.precise');
  if ([...LE, 'liaison-office'].includes(r.role) && onRoute) g.add('conveyance');
  if ([...LE, 'prosecutor', 'liaison-office'].includes(r.role)) g.add('summary');
  return g;
}

interface Value {
  kind: 'name' | 'number' | 'phrase';
  value: string;
}

/** Each value of the notice with whether this recipient may see it. */
function valuesOf(n: CaseNoticeProps, granted: Set<Category>): { withheld: Value[]; visible: Value[] } {
  const withheld: Value[] = [];
  const visible: Value[] = [];
  const put = (ok: boolean, ...values: Value[]) => (ok ? visible : withheld).push(...values.filter((v) => v.value));
  for (const p of n.persons ?? []) {
    const role =
      p.role === v1.PersonRole.WITNESS
        ? 'witness.identity'
        : p.role === v1.PersonRole.SMUGGLED_MIGRANT
          ? 'migrant.identity'
          : 'smuggler.identity';
    const ok = granted.has(role) && (p.minor === false || granted.has('minor.identity'));
    put(
      ok,
      { kind: 'name', value: p.fullName ?? '' },
      { kind: 'number', value: p.phone ?? '' },
      ...(p.documents ?? []).map((d) => ({ kind: 'number' as const, value: d.number ?? '' })),
    );
  }
  for (const f of n.financial ?? []) put(granted.has('financial'), { kind: 'number', value: f.account ?? '' });
  for (const c of n.conveyances ?? []) put(granted.has('conveyance'), { kind: 'number', value: c.identifier ?? '' });
  for (const l of n.locations ?? []) put(granted.has('location.precise'), { kind: 'phrase', value: l.label ?? '' });
  return { withheld, visible };
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ı/g, 'i');
const alnum = (s: string) => fold(s).replace(/[^\p{L}\p{N}]/gu, '');

/** Where a withheld value shows in a view, in any of its forms; undefined if nowhere. */
function leak(v: Value, bytes: Buffer, text: string, words: Set<string>, packed: string): string | undefined {
  if (bytes.includes(Buffer.from(v.value))) return 'verbatim in the bytes';
  if (text.includes(fold(v.value))) return 'in the text';
  if (v.kind === 'name') {
    const token = fold(v.value)
      .split(/[^\p{L}]+/u)
      .find((t) => t.length >= 4 && words.has(t));
    if (token) return `the name part "${token}" in the text`;
  }
  if (v.kind === 'number' && alnum(v.value).length >= 6 && packed.includes(alnum(v.value))) return 'with other separators';
  return undefined;
}

test(`no value withheld from a recipient appears in its view, over ${NOTICES} generated notices`, async () => {
  const agencyIds = RECIPIENTS.map((r) => r.id);
  const notices = Array.from({ length: NOTICES }, () => corpusNotice('gr-police', agencyIds));
  for (let i = 0; i < notices.length; i += 250) {
    await Promise.all(
      notices.slice(i, i + 250).map(async (n) =>
        bus.js.publish(subjects.ingest('gr-police'), await signNotice(n, issuer.key), {
          msgID: messageIds.submission('gr-police', n.noticeId ?? ''),
        }),
      ),
    );
  }
  await waitForDecisions(bus, NOTICES, 240_000);
  const decisions = [...(await allDecisions(bus)).values()];
  expect(decisions.filter((d) => d.status !== v1.DecisionStatus.DECISION_ACCEPTED).map((d) => d.code)).toEqual([]);

  const byId = new Map(notices.map((n) => [n.noticeId ?? '', n]));
  let checked = 0;
  let views = 0;
  let wronglyWithheld = 0;
  const overRedacted: string[] = [];
  let summaryOverRedacted = 0;
  const leaks: string[] = [];
  for (const r of RECIPIENTS) {
    const delivered = await deliveredViews(bus, r.id);
    const expected = notices.filter((n) => grantedTo(r, n) !== undefined).length;
    expect(delivered.length, `${r.id} deliveries`).toBe(expected);
    for (const { raw, view, elements } of delivered) {
      views += 1;
      const notice = byId.get(view.core?.noticeId ?? '') as CaseNoticeProps;
      const granted = grantedTo(r, notice) ?? new Set<Category>();
      expect([...view.grantedCategories].sort(), `${r.id} categories`).toEqual([...granted].sort());
      const { manifest: _m, manifestJws: _j, disclosures: _d, ...json } = messageToJson('accord.v1.DeliveredView', view);
      const content = JSON.stringify({
        ...json,
        // oxlint-disable-next-line typescript/no-misused-spread -- a decoded protobufjs message holds its fields as own properties: spreading it copies them, which is all create() and encode() need
        elements: elements.map((e) => messageToJson('accord.v1.ViewElement', { ...e, id: '', path: '' })),
        signerKid: '',
      });
      const text = fold(content);
      const words = new Set(text.split(/[^\p{L}]+/u));
      const packed = alnum(content);
      const { withheld, visible } = valuesOf(notice, granted);
      for (const v of withheld) {
        checked += 1;
        const where = leak(v, Buffer.from(raw), text, words, packed);
        if (where) leaks.push(`${r.id} notice ${notice.noticeId}: ${v.kind} ${where}`);
      }
      // Over-redaction of structured fields: every visible value must be in the view.
      for (const v of visible) {
        if (content.includes(v.value)) continue;
        wronglyWithheld += 1;
        // Which value, so a rare case names itself (the corpus is generated anew each run).
        if (overRedacted.length < 10) overRedacted.push(`${r.id} notice ${notice.noticeId}: ${v.kind} ${JSON.stringify(v.value)}`);
      }
      if (granted.has('summary')) {
        const summary = elements.find((e) => e.summary)?.summary ?? '';
        for (const v of visible.filter((x) => x.kind === 'name'))
          if (notice.summary?.includes(v.value) && !summary.includes(v.value)) summaryOverRedacted += 1;
      } else expect(elements.some((e) => e.summary)).toBe(false);
    }
  }
  console.info(
    `redaction corpus: ${NOTICES} notices, ${views} views, ${checked} withheld values checked, ${leaks.length} leaks; ` +
      `${wronglyWithheld} granted structured values wrongly withheld; ${summaryOverRedacted} granted names scrubbed from summaries`,
  );
  expect(leaks.slice(0, 10)).toEqual([]);
  expect(overRedacted, 'granted structured values missing from their views').toEqual([]);
  expect(wronglyWithheld).toBe(0);
}, 600_000);
