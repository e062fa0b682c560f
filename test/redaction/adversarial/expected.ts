/**
 * The acceptance tests' own reading of the contract and of policies/default.yaml: which
 * categories a recipient may be granted, and so which values of a notice are withheld
 * from it (each a Secret for the judge) and which it must be given. Nothing here asks the
 * implementation.
 */
import { v1, type CaseNoticeProps } from '../../../libs/proto/index.js';
import type { TestRecipient } from '../../harness/views-of.js';
import type { Secret } from './judge.js';

export type Grants = ReadonlySet<string>;

const LAW_ENFORCEMENT = ['police', 'border-guard', 'coastguard'];

export function routeCountries(n: CaseNoticeProps): string[] {
  const r = n.route ?? {};
  return [...(r.origin ?? []), ...(r.transit ?? []), ...(r.destination ?? [])];
}

const has = (n: CaseNoticeProps, c: v1.Caveat): boolean => (n.caveats ?? []).includes(c);

/**
 * The categories the default policy and the engine's invariants allow a recipient, or
 * undefined when it is not delivered at all (outside the TLP set, excluded, the issuer).
 */
export function expectedGrants(n: CaseNoticeProps, r: TestRecipient): Set<string> | undefined {
  if (r.id === n.issuingAgency) return undefined;
  const onRoute = routeCountries(n).includes(r.country);
  const addressed = (n.addressees ?? []).includes(r.id);
  const sharesGroup = (r.groups ?? ['med']).includes('med');
  const tlp = n.tlp ?? v1.Tlp.TLP_UNSPECIFIED;
  const inSet =
    addressed || tlp === v1.Tlp.CLEAR || (tlp === v1.Tlp.GREEN && sharesGroup) || (tlp === v1.Tlp.AMBER && sharesGroup && onRoute);
  if (!inSet) return undefined;
  if (r.role === 'research') return tlp === v1.Tlp.CLEAR || tlp === v1.Tlp.GREEN ? new Set(['core']) : undefined;
  const g = new Set<string>(['core', 'person.profile']);
  const wp = has(n, v1.Caveat.WITNESS_PROTECTION);
  if ([...LAW_ENFORCEMENT, 'prosecutor', 'liaison-office'].includes(r.role) && onRoute) g.add('smuggler.identity');
  if (r.role === 'fiu' || r.role === 'prosecutor' || (r.role === 'police' && has(n, v1.Caveat.FINANCIAL_INVESTIGATION))) g.add('financial');
  if (r.role === 'prosecutor' && (wp ? addressed : onRoute)) g.add('witness.identity');
  if ((r.role === 'immigration' || r.role === 'protection') && onRoute) g.add('migrant.identity');
  if ((r.role === 'immigration' || r.role === 'protection') && (n.route?.destination ?? []).includes(r.country)) g.add('minor.identity');
  const sea = n.mode === v1.Mode.SEA && r.role === 'coastguard';
  const land = n.mode === v1.Mode.LAND && (r.role === 'border-guard' || r.role === 'police');
  if (onRoute && (sea || land)) g.add('location.precise');
  if ([...LAW_ENFORCEMENT, 'liaison-office'].includes(r.role) && onRoute) g.add('conveyance');
  if ([...LAW_ENFORCEMENT, 'prosecutor', 'liaison-office'].includes(r.role)) g.add('summary');
  return g;
}

/** The engine's invariants (CONTRACT, issues 12-18): what no policy may grant. */
export function invariantBreaches(n: CaseNoticeProps, r: TestRecipient, categories: readonly string[]): string[] {
  const out: string[] = [];
  if (r.role === 'research' && categories.some((c) => c !== 'core'))
    out.push(`research ${r.id} granted ${categories.filter((c) => c !== 'core').join(', ')}`);
  if (categories.includes('minor.identity') && (r.role === 'research' || !routeCountries(n).includes(r.country)))
    out.push(`minor.identity to ${r.id} (${r.role}, ${r.country})`);
  const addressed = (n.addressees ?? []).includes(r.id);
  if (has(n, v1.Caveat.WITNESS_PROTECTION) && categories.includes('witness.identity') && !(r.role === 'prosecutor' && addressed)) {
    out.push(`witness.identity under WITNESS_PROTECTION to ${r.id} (${r.role}${addressed ? ', addressed' : ''})`);
  }
  return out;
}

export function identityCategory(role: v1.PersonRole | null | undefined): string {
  if (role === v1.PersonRole.SMUGGLER_SUSPECT || role === v1.PersonRole.FACILITATOR) return 'smuggler.identity';
  return role === v1.PersonRole.WITNESS ? 'witness.identity' : 'migrant.identity';
}

/** The categories a person's identity needs: a minor's, or an unknown age, also minor.identity. */
export function identityNeeds(p: v1.Person.$Properties): string[] {
  const base = identityCategory(p.role);
  return p.minor === false ? [base] : [base, 'minor.identity'];
}

export const identityGranted = (p: v1.Person.$Properties, g: Grants): boolean => identityNeeds(p).every((c) => g.has(c));

/** A tagged span of a marked-up summary: {{CATEGORY:text}}. */
export function taggedSpans(summary: string): { category: string; text: string }[] {
  const out: { category: string; text: string }[] = [];
  for (const m of summary.matchAll(/(?<!\\)\{\{([a-z]+(?:\.[a-z]+)?):((?:[^{}]|\{\{[^{}]*\}\})*)\}\}/g)) {
    out.push({ category: m[1] ?? '', text: (m[2] ?? '').replace(/\{\{[^{}]*\}\}/g, ' ').trim() });
  }
  return out;
}

/** Every value of the notice the recipient may not read, each a Secret for the judge. */
export function secretsOf(n: CaseNoticeProps, g: Grants): Secret[] {
  const out: Secret[] = [];
  const put = (kind: Secret['kind'], value: string | number | null | undefined, category: string, field: string): void => {
    if (value !== undefined && value !== null && String(value) !== '') out.push({ kind, value: String(value), category, field });
  };
  (n.persons ?? []).forEach((p, i) => {
    if (identityGranted(p, g)) return;
    const category = identityNeeds(p).find((c) => !g.has(c)) ?? identityCategory(p.role);
    put('name', p.fullName, category, `persons[${i}].fullName`);
    put('date', p.dateOfBirth, category, `persons[${i}].dateOfBirth`);
    put('number', p.phone, category, `persons[${i}].phone`);
    (p.documents ?? []).forEach((d, j) => put('number', d.number, category, `persons[${i}].documents[${j}].number`));
  });
  if (!g.has('conveyance')) {
    (n.conveyances ?? []).forEach((c, i) => {
      put('phrase', c.identifier, 'conveyance', `conveyances[${i}].identifier`);
      if ((c.identifier ?? '').replace(/\D/g, '').length >= 6) put('number', c.identifier, 'conveyance', `conveyances[${i}].identifier`);
    });
  }
  if (!g.has('financial')) {
    (n.financial ?? []).forEach((f, i) => {
      put('number', f.account, 'financial', `financial[${i}].account`);
      put('phrase', f.institution, 'financial', `financial[${i}].institution`);
      put('amount', f.amount, 'financial', `financial[${i}].amount`);
      put('phrase', f.counterparty, 'financial', `financial[${i}].counterparty`);
    });
  }
  if (!g.has('location.precise')) {
    (n.locations ?? []).forEach((l, i) => {
      put('coordinate', l.lat, 'location.precise', `locations[${i}].lat`);
      put('coordinate', l.lon, 'location.precise', `locations[${i}].lon`);
      put('phrase', l.label, 'location.precise', `locations[${i}].label`);
    });
  }
  taggedSpans(n.summary ?? '').forEach((s, i) => {
    if (!g.has(s.category)) put('phrase', s.text, s.category, `summary span ${i} {{${s.category}:...}}`);
  });
  return out;
}

/** Names the recipient may read: parts they share with a withheld name betray nothing. */
export function grantedNames(n: CaseNoticeProps, g: Grants): string[] {
  return (n.persons ?? [])
    .filter((p) => identityGranted(p, g))
    .map((p) => p.fullName ?? '')
    .filter(Boolean);
}

/** A structured value the recipient is granted, which its view must carry. */
export interface GrantedValue {
  field: string;
  /** The field's name in the wire messages (fullName, counterparty, lat...). */
  name: string;
  value: string;
}

export function grantedValues(n: CaseNoticeProps, g: Grants): GrantedValue[] {
  const out: GrantedValue[] = [];
  const put = (field: string, name: string, value: string | number | null | undefined): void => {
    if (value !== undefined && value !== null && String(value) !== '') out.push({ field, name, value: String(value) });
  };
  (n.persons ?? []).forEach((p, i) => {
    const wpHidden = p.role === v1.PersonRole.WITNESS && has(n, v1.Caveat.WITNESS_PROTECTION) && !g.has('witness.identity');
    if (!identityGranted(p, g) || wpHidden) return;
    put(`persons[${i}].fullName`, 'fullName', p.fullName);
    put(`persons[${i}].dateOfBirth`, 'dateOfBirth', p.dateOfBirth);
    put(`persons[${i}].phone`, 'phone', p.phone);
    (p.documents ?? []).forEach((d, j) => put(`persons[${i}].documents[${j}].number`, 'number', d.number));
  });
  if (g.has('conveyance')) (n.conveyances ?? []).forEach((c, i) => put(`conveyances[${i}].identifier`, 'identifier', c.identifier));
  if (g.has('financial')) {
    (n.financial ?? []).forEach((f, i) => {
      put(`financial[${i}].account`, 'account', f.account);
      put(`financial[${i}].institution`, 'institution', f.institution);
      put(`financial[${i}].amount`, 'amount', f.amount);
      put(`financial[${i}].counterparty`, 'counterparty', f.counterparty);
    });
  }
  if (g.has('location.precise')) {
    (n.locations ?? []).forEach((l, i) => {
      put(`locations[${i}].lat`, 'lat', l.lat);
      put(`locations[${i}].lon`, 'lon', l.lon);
      put(`locations[${i}].label`, 'label', l.label);
    });
  }
  return out;
}
