import { readFileSync, writeFileSync } from 'node:fs';
import { bundleHeader, bundleLines, ChainVerifier, parseBundle } from '../../libs/audit/index.js';
import { readAuditRecords, readStackFile } from '../../libs/client/index.js';
import { readJsonFile } from '../../libs/config/index.js';
import { isAccordError } from '../../libs/errors/index.js';
import { type v1 } from '../../libs/proto/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { auditKeyFrom, readTrustedCheckpoint, reportVerification } from '../audit-verification.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const auditExportCommand: Command = {
  name: 'audit export',
  summary: 'write a self-contained audit bundle, verifiable with no connection to the bus',
  help: `Usage: accord audit export --dir DIR --out FILE [--creds FILE]

Writes every audit record (checkpoints included) to FILE as JSON lines, after a header
holding the audit service's public key. \`accord audit verify-bundle FILE\` checks it
anywhere, with no bus.`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      { dir: { type: 'string' }, out: { type: 'string' }, creds: { type: 'string' } },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    const out = requireOption(values.out, 'out');
    const records: v1.ChainedRecord.$Properties[] = [];
    await withIdentity(dir, { kind: 'auditor' }, values.creds, async ({ js, jsm }) =>
      readAuditRecords(js, await jsm(), (r) => void records.push(r)),
    );
    const auditPublicKey = await parsePublicJwk(
      await readJsonFile(readStackFile(dir).auditPublicKey, 'the audit public key'),
      'the audit public key',
    );
    writeFileSync(out, `${bundleLines(bundleHeader(auditPublicKey, records.length), records).join('\n')}\n`);
    process.stdout.write(`${records.length} records written to ${out} (audit key ${auditPublicKey.kid})\n`);
    return EXIT.ok;
  },
};

export const auditVerifyBundleCommand: Command = {
  name: 'audit verify-bundle',
  summary: 'verify an audit bundle offline',
  help: `Usage: accord audit verify-bundle FILE [--trusted-checkpoint FILE] [--audit-key FILE]

Checks a bundle from \`accord audit export\` with no connection to the bus: the hash
chain, every signed checkpoint and the consistency proofs between them, and, with
--trusted-checkpoint, that the bundle extends a checkpoint you hold. Exit 0 when intact,
3 naming the first bad chain index (a bundle that cannot be parsed also exits 3).

  --audit-key FILE   the audit public key you trust (default: the one in the bundle;
                     compare its kid, printed, with the one you trust)`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { 'trusted-checkpoint': { type: 'string' }, 'audit-key': { type: 'string' } },
      { min: 1, max: 1, names: 'the bundle FILE' },
    );
    const file = positionals[0] ?? '';
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw usageError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const trusted = readTrustedCheckpoint(values['trusted-checkpoint']);
    let bundle;
    let bundleKey;
    try {
      bundle = parseBundle(text);
      bundleKey = await verificationKeyFromJwk(await parsePublicJwk(bundle.header.auditPublicKey, "the bundle header's audit key"));
    } catch (error) {
      if (!isAccordError(error)) throw error;
      process.stderr.write(`audit bundle cannot be verified: ${error.message}\n`);
      return EXIT.verificationFailed;
    }
    const key = values['audit-key'] ? await auditKeyFrom(values['audit-key']) : bundleKey;
    process.stderr.write(`audit key ${bundle.header.auditPublicKey.kid}${values['audit-key'] ? ' (given)' : ' (from the bundle)'}\n`);
    const verifier = new ChainVerifier();
    for (const record of bundle.records) verifier.push(record);
    return reportVerification(await verifier.finish(key, trusted), trusted);
  },
};
