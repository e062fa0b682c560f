import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { writeSecretFile } from '../config/index.js';
import { generateSigningKeyPair } from '../signing/index.js';
import type { StackLayout } from './stack-layout.js';

async function ensureKeyPair(privatePath: string, publicPath: string): Promise<void> {
  if (existsSync(privatePath)) return;
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  writeSecretFile(privatePath, `${JSON.stringify(privateJwk, null, 2)}\n`);
  writeFileSync(publicPath, `${JSON.stringify(publicJwk, null, 2)}\n`);
}

/** The bus's signing key, the audit key, the bus secret and the pseudonym key, made once per stack, never committed. */
export async function ensureStackSecrets(layout: StackLayout): Promise<void> {
  mkdirSync(layout.secrets, { recursive: true, mode: 0o700 });
  await ensureKeyPair(layout.busSigningKey, layout.busPublicKey);
  await ensureKeyPair(layout.auditSigningKey, layout.auditPublicKey);
  if (!existsSync(layout.busSecret)) writeSecretFile(layout.busSecret, randomBytes(32));
  if (!existsSync(layout.pseudonymKey)) writeSecretFile(layout.pseudonymKey, randomBytes(32));
}
