import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { afterEach } from 'vitest';
import { newViewKey, OfficerStore, openNodeDatabase, ViewCipher, type NodeDatabase } from '../../../libs/node/index.js';

export const AGENCY = 'fr-police';
export const T0 = new Date('2026-11-29T08:00:00.000Z');

export interface Accounts {
  dir: string;
  dbFile: string;
  db: NodeDatabase;
  cipher: ViewCipher;
  officers: OfficerStore;
}

const opened: Accounts[] = [];

afterEach(() => {
  for (const accounts of opened.splice(0)) {
    accounts.db.close();
    rmSync(accounts.dir, { recursive: true, force: true });
  }
});

/** A fresh node database and view key in a temporary folder, closed and removed after the test. */
export function newAccounts(): Accounts {
  const dir = mkdtempSync(join(tmpdir(), 'accord-accounts-'));
  const dbFile = join(dir, 'node.db');
  const db = openNodeDatabase(dbFile);
  const cipher = new ViewCipher(newViewKey());
  const accounts = { dir, dbFile, db, cipher, officers: new OfficerStore(db, cipher, AGENCY) };
  opened.push(accounts);
  return accounts;
}

export function later(ms: number, from: Date = T0): Date {
  return new Date(from.getTime() + ms);
}

/** The code an authenticator enrolled from `uri` shows at `at`. */
export function totpCode(uri: string | undefined, at: Date): Promise<string> {
  const secret = new URL(uri ?? '').searchParams.get('secret') ?? '';
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}
