import { auditRecordToJson, ChainVerifier, parseAuditKind } from '../../libs/audit/index.js';
import { readAuditRecords } from '../../libs/client/index.js';
import { dateFromTimestamp, v1, type AuditRecord } from '../../libs/proto/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseCount, parseOptions, parseTime, requireOption } from '../parse-options.js';

interface ReplayFilter {
  from?: number | undefined;
  to?: number | undefined;
  since?: Date | undefined;
  notice?: string | undefined;
  agency?: string | undefined;
  kind?: number | undefined;
}

function matches(record: AuditRecord, index: number, f: ReplayFilter): boolean {
  const e = record.event ?? {};
  if (f.from !== undefined && index < f.from) return false;
  if (f.to !== undefined && index > f.to) return false;
  if (f.since && dateFromTimestamp(e.time ?? record.appendedAt) < f.since) return false;
  if (f.notice && e.noticeId !== f.notice) return false;
  if (f.agency && e.agency !== f.agency && e.recipient !== f.agency && !(e.recipients ?? []).includes(f.agency)) return false;
  if (f.kind !== undefined && e.kind !== f.kind) return false;
  return true;
}

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
  summary: 'print audit records; --verify checks the whole hash chain',
  help: `Usage: accord audit replay --dir DIR [--from N] [--to N] [--since T] [--notice ID]
                           [--agency ID] [--kind K] [--verify] [--creds FILE] [--json]

Prints the audit records that match every filter given, in chain order. N is a
record's chain index, counted from 0. Kinds: RECEIVED, QUARANTINED, ACCEPTED, ROUTED,
VIEW, DELIVERED, RECEIPT, KEY, POLICY, SERVICE, CHECKPOINT.

  --creds F  the auditor's NATS credentials (default: those the stack issued)
  --verify   check the whole chain from record 0 (each record's hash, index and link to
             the one before): exit 0 when intact, 3 naming the first bad chain index
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
        notice: { type: 'string' },
        agency: { type: 'string' },
        kind: { type: 'string' },
        verify: { type: 'boolean' },
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
      notice: values.notice,
      agency: values.agency,
      kind: values.kind ? parseAuditKind(values.kind) : undefined,
    };
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
        if (!matches(record, index, filter)) return;
        const json = auditRecordToJson(record);
        process.stdout.write(values.json ? `${JSON.stringify(json)}\n` : `${formatRecord(json)}\n`);
        printed += 1;
      }),
    );
    process.stderr.write(`${printed} of ${verifier.count} records shown\n`);
    if (!values.verify) return EXIT.ok;
    const broken = verifier.result;
    if (broken) {
      process.stderr.write(`audit chain broken at index ${broken.index}: ${broken.reason}\n`);
      return EXIT.verificationFailed;
    }
    process.stderr.write(`audit chain intact: ${verifier.count} records verified from index 0\n`);
    return EXIT.ok;
  },
};
