import { ChainVerifier, openSignedCheckpoint } from '../../libs/audit/index.js';
import { readAuditRecords } from '../../libs/client/index.js';
import { v1 } from '../../libs/proto/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const auditProofCommand: Command = {
  name: 'audit proof',
  summary: "inclusion proofs of a notice's audit records in a signed checkpoint",
  help: `Usage: accord audit proof NOTICE_ID --dir DIR [--creds FILE]

For each audit record of the notice, prints (one JSON object per line) its chain index,
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
    const verifier = new ChainVerifier();
    const mine: { index: number; kind: number }[] = [];
    let latest: { index: number; bytes: Uint8Array } | undefined;
    await withIdentity(requireOption(values.dir, 'dir'), { kind: 'auditor' }, values.creds, async ({ js, jsm }) =>
      readAuditRecords(js, await jsm(), (chained) => {
        const index = verifier.count;
        const record = verifier.push(chained);
        if (record?.event?.noticeId === noticeId) mine.push({ index, kind: record.event.kind ?? 0 });
        if (record?.event?.kind === v1.AuditKind.CHECKPOINT) latest = { index, bytes: record.event.checkpoint ?? new Uint8Array() };
      }),
    );
    const tree = verifier.tree();
    const size = latest ? Number(openSignedCheckpoint(latest.bytes).checkpoint.treeSize) : 0;
    for (const { index, kind } of mine) {
      const base = { noticeId, index, kind: v1.AuditKind[kind] };
      if (!latest || index >= size) {
        process.stdout.write(`${JSON.stringify({ ...base, unsealed: true })}\n`);
        continue;
      }
      process.stdout.write(
        `${JSON.stringify({
          ...base,
          leafHash: tree.root(index + 1, index).toString('base64'),
          treeSize: size,
          rootHash: tree.root(size).toString('base64'),
          proof: tree.inclusionProof(index, size).map((p) => p.toString('base64')),
          checkpointIndex: latest.index,
          signedCheckpoint: Buffer.from(latest.bytes).toString('base64'),
        })}\n`,
      );
    }
    process.stderr.write(
      `${mine.length} records of notice ${noticeId}${latest ? `; latest checkpoint at index ${latest.index} seals ${size}` : '; no checkpoint yet'}\n`,
    );
    return EXIT.ok;
  },
};
