import { chmodSync, writeFileSync } from 'node:fs';

/** Keys, secrets and credentials are readable by their owner only (mode 0600). */
export function writeSecretFile(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data, { mode: 0o600 });
  chmodSync(path, 0o600);
}
