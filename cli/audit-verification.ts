import { readFileSync } from 'node:fs';
import type { CryptoKey } from 'jose';
import { ChainVerifier, parseTrustedCheckpoint, type ChainReport, type TrustedCheckpoint } from '../libs/audit/index.js';
import { readJsonFile } from '../libs/config/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../libs/signing/index.js';
import { EXIT, usageError, type ExitCode } from './cli-errors.js';

export async function auditKeyFrom(file: string): Promise<CryptoKey> {
  return verificationKeyFromJwk(await parsePublicJwk(await readJsonFile(file, 'the audit public key'), file));
}

export function readTrustedCheckpoint(file: string | undefined): TrustedCheckpoint | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw usageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseTrustedCheckpoint(text, file);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The verdict in words on standard error, and the contract's exit code. */
export function reportVerification(report: ChainReport, trusted: TrustedCheckpoint | undefined): ExitCode {
  if (report.broken) {
    process.stderr.write(`audit chain broken at index ${report.broken.index}: ${report.broken.reason}\n`);
    return EXIT.verificationFailed;
  }
  const from = trusted ? `, consistent with the trusted checkpoint of ${plural(Number(trusted.checkpoint.treeSize), 'record')}` : '';
  const sealing =
    report.checkpoints === 0
      ? `no checkpoint yet: all ${plural(report.unsealed, 'record')} unsealed`
      : `${plural(report.checkpoints, 'signed checkpoint')}, the last sealing records 0 to ${report.sealed - 1}; ` +
        `${plural(report.unsealed, 'record')} after it unsealed`;
  process.stderr.write(`audit chain intact: ${plural(report.count, 'record')} verified from index 0${from}; ${sealing}\n`);
  return EXIT.ok;
}

export { ChainVerifier };
