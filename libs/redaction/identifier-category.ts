import type { IdentifierShape } from '../detection/index.js';
import type { Category } from '../notice/index.js';

/** The identity categories, most protected first. */
const IDENTITIES: Category[] = ['minor.identity', 'witness.identity', 'migrant.identity', 'smuggler.identity'];

/**
 * Identifiers of unknown owner count as belonging to the most protected category their
 * shape can belong to: a phone number, a document code, an e-mail address, a URL or a
 * handle could be anyone's, a child's included, so it stays only for a recipient that may
 * see every identity; the marker names the most protected one it may not. A recipient
 * kept from protected witnesses reads the notice as if it had none, so witnesses are not
 * among the owners its markers name.
 */
export function identifierCategoryFor(
  granted: ReadonlySet<Category>,
  witnessesHidden: boolean,
): (shape: IdentifierShape) => Category | undefined {
  const identity = IDENTITIES.filter((c) => !(witnessesHidden && c === 'witness.identity')).find((c) => !granted.has(c));
  const unless = (c: Category): Category | undefined => (granted.has(c) ? undefined : c);
  return (shape) => {
    switch (shape) {
      case 'iban':
        return unless('financial');
      case 'imo':
        return unless('conveyance');
      case 'coordinate':
        return unless('location.precise');
      default:
        return identity;
    }
  };
}
