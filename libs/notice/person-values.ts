import type { ValueKind } from '../detection/index.js';
import type { v1 } from '../proto/index.js';

/** One identity value of a person, with the field it comes from ("fullName", "documents[0].number"). */
export interface PersonValue {
  kind: ValueKind;
  value: string;
  field: string;
}

/** The values of a person's identity, each with how free text is searched for it. */
export function personValues(identity: v1.PersonIdentity.$Properties): PersonValue[] {
  const out: PersonValue[] = [];
  if (identity.fullName) out.push({ kind: 'name', value: identity.fullName, field: 'fullName' });
  if (identity.dateOfBirth) out.push({ kind: 'date', value: identity.dateOfBirth, field: 'dateOfBirth' });
  if (identity.phone) out.push({ kind: 'phone', value: identity.phone, field: 'phone' });
  (identity.documents ?? []).forEach((d, j) => {
    if (d.number) out.push({ kind: 'number', value: d.number, field: `documents[${j}].number` });
  });
  return out;
}
