/** The contract's field categories: what policies grant and redaction withholds. */
export const CATEGORIES = [
  'core',
  'person.profile',
  'smuggler.identity',
  'migrant.identity',
  'witness.identity',
  'minor.identity',
  'summary',
  'conveyance',
  'financial',
  'location.precise',
] as const;

export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
