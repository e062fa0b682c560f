import type { v1 } from '../proto/index.js';

/** Which disclosure of a person a field lives in. */
export function personPart(field: string | undefined): 'identity' | 'profile' {
  return field === 'nationality' ? 'profile' : 'identity';
}

/** The JSON markup's field ("documents[0].number") as the wire names it ("documents.0.number"). */
export function wireField(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

type ElementValue =
  | v1.PersonIdentity.$Properties
  | v1.PersonProfile.$Properties
  | v1.Conveyance.$Properties
  | v1.FinancialTrace.$Properties
  | v1.Location.$Properties;

/** Each element kind's field shown when a reference names the element itself. */
const DEFAULT_FIELD: Record<string, string> = {
  persons: 'fullName',
  conveyances: 'identifier',
  financial: 'account',
  locations: 'position',
};

/**
 * The text of an element's field (`field` as the wire names it), or undefined when the
 * element has no such field. A location's "position" is "lat, lon".
 */
export function fieldText(collection: string, value: ElementValue, field: string | undefined): string | undefined {
  const name = field ?? DEFAULT_FIELD[collection] ?? '';
  if (name === 'position') {
    const l = value as v1.Location.$Properties;
    return `${String(l.lat ?? 0)}, ${String(l.lon ?? 0)}`;
  }
  const doc = /^documents\.(\d+)\.number$/.exec(name);
  if (doc) return (value as v1.PersonIdentity.$Properties).documents?.[Number(doc[1])]?.number ?? undefined;
  const text = (value as Record<string, unknown>)[name];
  return typeof text === 'string' ? text : undefined;
}
