/**
 * The engine's invariants: what no policy can grant, whatever its rules say. Their ids and
 * statements live here, once, for the parser's refusals, `policy explain` and the docs;
 * routing enforces them (libs/routing/enforce-invariants.ts), the parser refuses a policy
 * whose rules would break one (check-invariants.ts).
 */
export const ENGINE_INVARIANTS = [
  {
    id: 'witness-protection',
    statement: 'under WITNESS_PROTECTION, witness.identity reaches only the prosecutors the notice addresses',
  },
  {
    id: 'research-core-only',
    statement: 'an agency of role research never gets more than core',
  },
  {
    id: 'minors-on-route',
    statement: "minor.identity never goes to research, nor to a recipient whose country is off the notice's route",
  },
] as const;

export type InvariantId = (typeof ENGINE_INVARIANTS)[number]['id'];

export function invariantStatement(id: InvariantId): string {
  return ENGINE_INVARIANTS.find((i) => i.id === id)?.statement ?? id;
}
