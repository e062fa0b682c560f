import { AccordError } from '../errors/index.js';
import type { v1 } from '../proto/index.js';
import type { PublicJwk } from '../signing/index.js';

export const BUNDLE_FORMAT = 'accord-audit-bundle';

export interface BundleHeader {
  format: typeof BUNDLE_FORMAT;
  version: 1;
  exportedAt: string;
  /** The audit key's public JWK: compare its kid with the one you trust. */
  auditPublicKey: PublicJwk;
  records: number;
}

/** The header of a bundle of `records` records under the audit key. */
export function bundleHeader(auditPublicKey: PublicJwk, records: number, exportedAt = new Date()): BundleHeader {
  return { format: BUNDLE_FORMAT, version: 1, exportedAt: exportedAt.toISOString(), auditPublicKey, records };
}

/** A self-contained audit bundle: a header line, then one JSON line per record (checkpoints included). */
export function bundleLines(header: BundleHeader, records: readonly v1.ChainedRecord.$Properties[]): string[] {
  return [
    JSON.stringify(header),
    ...records.map((r, index) =>
      JSON.stringify({ index, body: Buffer.from(r.body ?? []).toString('base64'), hash: Buffer.from(r.hash ?? []).toString('base64') }),
    ),
  ];
}

function invalid(line: number, what: string): AccordError {
  return new AccordError('E_CHAIN_INVALID', `bundle line ${line}: ${what}`);
}

/** Parses a bundle; anything malformed is E_CHAIN_INVALID (a verification failure, exit 3). */
export function parseBundle(text: string): { header: BundleHeader; records: v1.ChainedRecord.$Properties[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const parse = (line: string, n: number): Record<string, unknown> => {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null) throw new Error('not an object');
      return value as Record<string, unknown>;
    } catch {
      throw invalid(n, 'not a JSON object');
    }
  };
  const header = parse(lines[0] ?? '', 1);
  if (header.format !== BUNDLE_FORMAT || header.version !== 1) throw invalid(1, `not an ${BUNDLE_FORMAT} of version 1`);
  const key = header.auditPublicKey as Partial<PublicJwk> | undefined;
  if (!key || key.kty !== 'OKP' || key.crv !== 'Ed25519' || typeof key.x !== 'string') throw invalid(1, 'no audit public key');
  const records = lines.slice(1).map((line, i) => {
    const r = parse(line, i + 2);
    if (typeof r.body !== 'string' || typeof r.hash !== 'string') throw invalid(i + 2, 'a record needs body and hash (base64)');
    return { body: Buffer.from(r.body, 'base64'), hash: Buffer.from(r.hash, 'base64') };
  });
  return { header: header as unknown as BundleHeader, records };
}
