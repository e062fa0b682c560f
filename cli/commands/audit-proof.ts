import { NoticeProofs } from '../../libs/audit/index.js';
import { readAuditRecords } from '../../libs/client/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const auditProofCommand: Command = {
  name: 'audit proof',
  summary: "inclusion proofs of a notice's audit records in a signed checkpoint",
  help: `Usage: accord audit proof NOTICE_ID --dir DIR [--creds FILE]

For each audit record of the notice, from its submission's RECEIVED record (which ingest
writes before it has read the notice, found through the agency and ingest sequence that
the ACCEPTED record names) to its read receipts, prints (one JSON object per line) its chain index,
its leaf hash (RFC 9162: SHA-256(0x00 || record bytes)), and its inclusion proof in the
latest signed checkpoint, with that checkpoint. Anyone holding the checkpoint can check
the proof. Records not yet sealed by a checkpoint are listed as unsealed.`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { dir: { type: 'string' }, creds: { type: 'string' } },
      { min: 1, max: 1, names: 'the NOTICE_ID' },
    );
    const noticeId = positionals[0] ?? '';
    const proofs = new NoticeProofs(noticeId, { received: true });
    await withIdentity(requireOption(values.dir, 'dir'), { kind: 'auditor' }, values.creds, async ({ js, jsm }) =>
      readAuditRecords(js, await jsm(), (chained) => proofs.push(chained)),
    );
    for (const line of proofs.lines()) process.stdout.write(`${JSON.stringify(line)}\n`);
    const latest = proofs.checkpoint;
    process.stderr.write(
      `${proofs.records.length} records of notice ${noticeId}${latest ? `; latest checkpoint at index ${latest.index} seals ${latest.treeSize}` : '; no checkpoint yet'}\n`,
    );
    return EXIT.ok;
  },
};
