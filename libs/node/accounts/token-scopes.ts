import { AccordError } from '../../errors/index.js';

/** What an API token may do: read views, publish notices, send read receipts. */
export type TokenScope = 'read' | 'publish' | 'receipt';

export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'publish', 'receipt'];

function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Scopes as given (`--scope read,publish`): at least one, each known, none twice. */
export function checkScopes(scopes: readonly string[]): TokenScope[] {
  if (scopes.length === 0) throw new AccordError('E_USAGE', `no scope given: expected one or more of ${TOKEN_SCOPES.join(', ')}`);
  const seen = new Set<TokenScope>();
  for (const scope of scopes) {
    if (!isTokenScope(scope))
      throw new AccordError('E_USAGE', `unknown scope ${JSON.stringify(scope)}: expected ${TOKEN_SCOPES.join(', ')}`, { path: scope });
    if (seen.has(scope)) throw new AccordError('E_USAGE', `scope ${JSON.stringify(scope)} is given twice`, { path: scope });
    seen.add(scope);
  }
  return [...seen];
}

/** "read,publish" to ['read', 'publish']; spaces around a comma are allowed. */
export function parseScopes(text: string): TokenScope[] {
  return checkScopes(text.trim() === '' ? [] : text.split(',').map((s) => s.trim()));
}
