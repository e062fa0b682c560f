import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { identityName, type Identity } from '../bus/index.js';
import { writeSecretFile } from '../config/index.js';

export interface StoredIdentity {
  identity: Identity;
  /** The user's nkey public key: what a revocation names. */
  publicKey: string;
  /** Where its credential (a .creds file) is, mode 0600. */
  credsFile: string;
}

/**
 * The bus's identities and their current users' public keys (DIR/run/identities.json);
 * the credentials themselves live in files of their own. Revoking a credential needs
 * the public key recorded here.
 */
export class IdentityStore {
  constructor(private readonly file: string) {}

  list(): StoredIdentity[] {
    if (!existsSync(this.file)) return [];
    return JSON.parse(readFileSync(this.file, 'utf8')) as StoredIdentity[];
  }

  find(identity: Identity): StoredIdentity | undefined {
    return this.list().find((s) => identityName(s.identity) === identityName(identity));
  }

  put(stored: StoredIdentity): void {
    this.save([...this.list().filter((s) => identityName(s.identity) !== identityName(stored.identity)), stored]);
  }

  remove(identity: Identity): void {
    this.save(this.list().filter((s) => identityName(s.identity) !== identityName(identity)));
  }

  private save(list: StoredIdentity[]): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    writeSecretFile(this.file, `${JSON.stringify(list, null, 2)}\n`);
  }
}
