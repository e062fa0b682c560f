import { applyPolicy } from '../admin/index.js';
import type { StoredPolicy } from '../bus/index.js';
import { withAdmin } from './admin-context.js';

/** `accord policy apply` on a folder's bus. */
export async function applyPolicyIn(dirArg: string, file: string): Promise<{ stored: StoredPolicy; inForce: boolean }> {
  return withAdmin(dirArg, (context) => applyPolicy(context, file));
}
