import { AccordError } from '../errors/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import { UUID } from './uuid.js';

function fail(path: string, what: string): never {
  throw new AccordError('E_SCHEMA', `${path}: ${what}`, { path });
}

const ELEMENT_LISTS = ['persons', 'conveyances', 'financial', 'locations'] as const;

/**
 * What a notice's relations must be on their own (whether the notices they name exist,
 * and whether the publisher may name them, ingest checks against the register:
 * E_RELATION). A notice updates or withdraws at most one notice; a withdrawal says
 * nothing but its reason (the summary, plain text) and its code, since no recipient gets
 * more of it than a tombstone. Throws E_SCHEMA naming the field.
 */
export function validateRelations(notice: CaseNoticeProps): void {
  const relations = notice.relations ?? [];
  const named = new Set<string>();
  let superseding: number | undefined;
  relations.forEach((r, i) => {
    const at = `relations[${i}]`;
    const kind = r.kind ?? 0;
    if (!(kind in v1.RelationKind) || kind === 0) fail(`${at}.kind`, 'expected REPLY, UPDATE or WITHDRAWAL');
    const id = r.noticeId ?? '';
    if (!UUID.test(id)) fail(`${at}.noticeId`, 'expected the noticeId (a UUID) of an earlier notice');
    if (id.toLowerCase() === (notice.noticeId ?? '').toLowerCase()) fail(`${at}.noticeId`, 'a notice cannot relate to itself');
    if (named.has(id.toLowerCase())) fail(`${at}.noticeId`, `${id} is named twice`);
    named.add(id.toLowerCase());
    const code = r.withdrawalCode ?? 0;
    if (kind === v1.RelationKind.WITHDRAWAL) {
      if (!(code in v1.WithdrawalCode) || code === 0)
        fail(`${at}.withdrawalCode`, `a withdrawal needs its code: ${withdrawalCodeNames().join(', ')}`);
    } else if (code !== 0) fail(`${at}.withdrawalCode`, 'only a WITHDRAWAL has a withdrawalCode');
    if (kind === v1.RelationKind.UPDATE || kind === v1.RelationKind.WITHDRAWAL) {
      if (superseding !== undefined)
        fail(at, `relations[${superseding}] already updates or withdraws a notice: a notice supersedes one notice at most`);
      superseding = i;
    }
  });
  if (superseding === undefined || relations[superseding]?.kind !== v1.RelationKind.WITHDRAWAL) return;
  if (relations.length > 1) fail('relations', 'a withdrawal relates to the notice it withdraws and to nothing else');
  for (const list of ELEMENT_LISTS)
    if ((notice[list] ?? []).length > 0) fail(`${list}[0]`, 'a withdrawal carries only its reason (summary) and code, no elements');
  const reason = notice.summary ?? '';
  if (!reason.trim()) fail('summary', "a withdrawal's summary is its reason: required");
  if (reason.includes('{{')) fail('summary', "a withdrawal's reason is plain text: no markup");
}

/** The withdrawal codes by name, in their enum order. */
export function withdrawalCodeNames(): string[] {
  return Object.keys(v1.WithdrawalCode).filter((k) => k !== 'WITHDRAWAL_CODE_UNSPECIFIED');
}
