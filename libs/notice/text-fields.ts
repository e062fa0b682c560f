import type { CaseNoticeProps } from '../proto/index.js';

/** Every text field of a notice but the summary, with its path. */
export function* textFields(n: CaseNoticeProps): Generator<[string, string]> {
  yield ['caseRef', n.caseRef ?? ''];
  for (const [i, p] of (n.persons ?? []).entries()) {
    for (const f of ['fullName', 'dateOfBirth', 'nationality', 'phone'] as const) yield [`persons[${i}].${f}`, p[f] ?? ''];
    for (const [j, d] of (p.documents ?? []).entries()) {
      for (const f of ['kind', 'number', 'issuingCountry'] as const) yield [`persons[${i}].documents[${j}].${f}`, d[f] ?? ''];
    }
  }
  for (const [i, c] of (n.conveyances ?? []).entries()) {
    for (const f of ['identifier', 'flagCountry'] as const) yield [`conveyances[${i}].${f}`, c[f] ?? ''];
  }
  for (const [i, f] of (n.financial ?? []).entries()) {
    for (const k of ['account', 'institution', 'amount', 'currency', 'counterparty'] as const) yield [`financial[${i}].${k}`, f[k] ?? ''];
  }
  for (const [i, l] of (n.locations ?? []).entries()) yield [`locations[${i}].label`, l.label ?? ''];
}
