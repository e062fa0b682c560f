import { auditRecordToJson, ChainVerifier, parseAuditKind, recordMatches, type ReplayFilter } from '../../libs/audit/index.js';
import { readStackFile, readAuditRecords } from '../../libs/client/index.js';
import { v1, type AuditRecord } from '../../libs/proto/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { auditKeyFrom, readTrustedCheckpoint, reportVerification } from '../audit-verification.js';
import { parseCount, parseOptions, parseTime, requireOption } from '../parse-options.js';

function formatRecord(json: Record<string, unknown>): string {
  const skip = new Set(['index', 'time', 'kind', 'appendedAt', 'prevHash', 'eventId']);
  const rest = Object.entries(json)
    .filter(([k]) => !skip.has(k))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(' ');
  return `#${String(json.index)} ${String(json.time)} ${String(json.kind)} ${rest}`;
}

export const auditReplayCommand: Command = {
  name: 'audit replay',
  summary: 'print audit records; --verify checks the hash chain and the signed checkpoints',
  help: `Usage: accord audit replay --dir DIR [--from N] [--to N] [--since T] [--until T] [--notice ID]
                           [--agency ID] [--kind K] [--verify] [--trusted-checkpoint FILE]
                           [--creds FILE] [--json]

Prints the audit records that match every filter given, in chain order. N is a
record's chain index, counted from 0. Kinds: RECEIVED, QUARANTINED, ACCEPTED, ROUTED,
VIEW, DELIVERED, RECEIPT, KEY, POLICY, SERVICE, CHECKPOINT, ERASED (a withdrawn
notice's view deleted from the deliveries stream), WIDEN_REQUESTED, WIDEN_RELEASED,
WIDEN_REFUSED (requests to widen, and the issuer's answers), STATISTICS (a statistical
release: its period, version and SHA-256). T is an ISO 8601 time
(2026-11-29T08:00:00Z); --since includes it, --until excludes it.

  --creds F  the auditor's NATS credentials (default: those the stack issued)
  --verify   check the whole chain from record 0: each record's hash, index and link to
             the one before; each signed checkpoint (RFC 9162 tree head of the records
             before it, consistent with the previous one): exit 0 when intact, 3 naming
             the first bad chain index; records after the last checkpoint are reported
             as unsealed
  --trusted-checkpoint FILE   also check the chain extends a checkpoint you hold (a line of
             \`audit replay --kind CHECKPOINT --json\`, or one an agency kept)
  --json     one JSON object per record, one per line

Example: accord audit replay --dir ./my-stack --notice 1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b --verify`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        dir: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        notice: { type: 'string' },
        agency: { type: 'string' },
        kind: { type: 'string' },
        verify: { type: 'boolean' },
        'trusted-checkpoint': { type: 'string' },
        creds: { type: 'string' },
        json: { type: 'boolean' },
      },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    const filter: ReplayFilter = {
      from: parseCount(values.from, 'from'),
      to: parseCount(values.to, 'to'),
      since: values.since ? parseTime(values.since, 'since') : undefined,
      until: values.until ? parseTime(values.until, 'until') : undefined,
      notice: values.notice,
      agency: values.agency,
      kind: values.kind ? parseAuditKind(values.kind) : undefined,
    };
    const trusted = readTrustedCheckpoint(values['trusted-checkpoint']);
    const verifier = new ChainVerifier();
    let printed = 0;
    await withIdentity(dir, { kind: 'auditor' }, values.creds, async ({ js, jsm }) =>
      readAuditRecords(js, await jsm(), (chained) => {
        const index = verifier.count;
        verifier.push(chained);
        let record: AuditRecord;
        try {
          record = v1.AuditRecord.decode(chained.body ?? new Uint8Array());
        } catch {
          return;
        }
        if (!recordMatches(record, index, filter)) return;
        const json = auditRecordToJson(record);
        process.stdout.write(values.json ? `${JSON.stringify(json)}\n` : `${formatRecord(json)}\n`);
        printed += 1;
      }),
    );
    process.stderr.write(`${printed} of ${verifier.count} records shown\n`);
    if (!values.verify && !trusted) return EXIT.ok;
    const report = await verifier.finish(await auditKeyFrom(readStackFile(dir).auditPublicKey), trusted);
    return reportVerification(report, trusted);
  },
};
