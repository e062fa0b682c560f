import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { identityName, type Identity } from '../bus/index.js';
import { writeSecretFile } from '../config/index.js';

export interface StoredIdentity {
  identity: Identity;
  /** The nkey public key nats-server authenticates. */
  publicKey: string;
  /** Where its seed (the credential) is, mode 0600. */
  seedFile: string;
}

/**
 * The bus's identities and their nkey public keys (DIR/run/identities.json); the seeds
 * live in credential files of their own. The nats-server configuration is rendered from it.
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

  /** A new nkey for the identity (replacing any it had: the old seed is refused once reloaded). */
  issue(identity: Identity, seedFile: string): StoredIdentity {
    const user = createUser();
    mkdirSync(dirname(seedFile), { recursive: true, mode: 0o700 });
    writeSecretFile(seedFile, `${new TextDecoder().decode(user.getSeed())}\n`);
    const stored: StoredIdentity = { identity, publicKey: user.getPublicKey(), seedFile };
    this.save([...this.list().filter((s) => identityName(s.identity) !== identityName(identity)), stored]);
    return stored;
  }

  /** The identity's existing credential, or a new one. */
  ensure(identity: Identity, seedFile: string): StoredIdentity {
    const existing = this.find(identity);
    return existing && existsSync(existing.seedFile) ? existing : this.issue(identity, seedFile);
  }

  remove(identity: Identity): void {
    this.save(this.list().filter((s) => identityName(s.identity) !== identityName(identity)));
  }

  private save(list: StoredIdentity[]): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileSync(`${this.file}.tmp`, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }
}
