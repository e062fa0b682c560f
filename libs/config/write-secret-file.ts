import { chmodSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Keys, secrets and credentials are readable by their owner only (mode 0600), and
 * renamed into place: a reader (a service taking its credential file at a reconnection)
 * never sees half of one, and a crash leaves the old file whole.
 */
export function writeSecretFile(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, data, { mode: 0o600 });
  // A temporary file left by a crash keeps its mode: set it again.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
