import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { AdminSession } from '../admin/index.js';
import { readOnlineTrust } from '../auth/index.js';
import { connectAs, readStackFile, type StackFile } from '../client/index.js';
import { contextLayout, type ContextLayout } from './context-layout.js';
import { readDeploymentFile } from './deployment-file.js';
import { FolderCredentials } from './folder-credentials.js';
import { withFolderLock } from './folder-lock.js';

export interface AdminContext extends AdminSession {
  layout: ContextLayout;
  stack: StackFile;
}

/**
 * Runs `use` as the bus's administrator from an administration folder: connected as the
 * operator to the servers stack.json names, with the folder's trust chain to issue and
 * revoke credentials, and the folder's lock (one administration verb at a time). Nothing
 * here asks whether the folder started those servers: the same verbs work on a local
 * stack and on a cluster run elsewhere.
 */
export async function withAdmin<T>(dirArg: string, use: (context: AdminContext) => Promise<T>): Promise<T> {
  return withFolderLock(contextLayout(dirArg).adminLock, () => administer(dirArg, use));
}

async function administer<T>(dirArg: string, use: (context: AdminContext) => Promise<T>): Promise<T> {
  const layout = contextLayout(dirArg);
  const stack = readStackFile(layout.dir);
  const { settings } = readDeploymentFile(layout);
  const trust = readOnlineTrust(layout.trust);
  const nc = await connectAs(stack, { kind: 'operator' });
  try {
    const credentials = new FolderCredentials(layout, trust, { natsUrl: stack.natsUrl, ...(stack.caFile ? { caFile: stack.caFile } : {}) });
    return await use({ layout, stack, nc, js: jetstream(nc), jsm: await jetstreamManager(nc), settings, credentials });
  } finally {
    await nc.close();
  }
}
