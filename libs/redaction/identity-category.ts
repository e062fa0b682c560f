import type { DisclosedPerson } from '../disclosure/index.js';
import type { Category } from '../notice/index.js';
import { v1 } from '../proto/index.js';

/** The identity category of a person's role. */
export function identityCategory(role: number | null | undefined): Category {
  switch (role) {
    case v1.PersonRole.SMUGGLER_SUSPECT:
    case v1.PersonRole.FACILITATOR:
      return 'smuggler.identity';
    case v1.PersonRole.WITNESS:
      return 'witness.identity';
    default:
      return 'migrant.identity';
  }
}

/** Absent means unknown, and an unknown age is treated as a minor's. */
export function isTreatedAsMinor(person: v1.Person.$Properties): boolean {
  return person.minor !== false;
}

/** Every category a recipient needs to see this person's identity, in the order checked. */
export function categoriesForIdentity(person: v1.Person.$Properties): Category[] {
  const base = identityCategory(person.role);
  return isTreatedAsMinor(person) ? [base, 'minor.identity'] : [base];
}

/** A disclosed person as the bus reasons about it: role and age status, and the identity where the layer has it. */
export function personOf(p: DisclosedPerson): v1.Person.$Properties {
  const minor = p.profile.value.minor;
  return { role: p.profile.value.role ?? 0, ...p.identity?.value, ...(minor === undefined || minor === null ? {} : { minor }) };
}
