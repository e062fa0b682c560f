import { listOwnQuarantine, listQuarantine, type QuarantineFilter } from '../../libs/client/index.js';
import { describeReason, isReasonCode } from '../../libs/errors/index.js';
import { formatTimestamp } from '../../libs/proto/index.js';
import { assertAgencyId } from '../../libs/registry/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseOptions, parseTime, requireOption } from '../parse-options.js';

export const quarantineListCommand: Command = {
  name: 'quarantine list',
  summary: 'list refused submissions with their reason codes',
  help: `Usage: accord quarantine list --dir DIR [--agency ID] [--code C] [--since T] [--as ID] [--creds FILE] [--json]

Lists quarantined submissions, oldest first: when, which agency, the reason code and
what it means, and the offending field where there is one.

  --agency ID   only this agency's submissions
  --code C      only this reason code (e.g. E_SIGNATURE_INVALID)
  --since T     only those quarantined at or after T (RFC 3339)
  --as ID       read as that agency's adapter (its own submissions only, asked of ingest)
  --creds FILE  credentials: the adapter's with --as, else the operator's (default: the stack's)`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        dir: { type: 'string' },
        agency: { type: 'string' },
        code: { type: 'string' },
        since: { type: 'string' },
        as: { type: 'string' },
        creds: { type: 'string' },
        json: { type: 'boolean' },
      },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    if (values.code && !isReasonCode(values.code)) throw usageError(`--code ${values.code} is not a reason code (E_DECODE, E_SCHEMA, ...)`);
    if (values.as) assertAgencyId(values.as, '--as');
    if (values.as && values.agency && values.as !== values.agency) throw usageError("--as ID reads only that agency's own submissions");
    const filter: QuarantineFilter = {};
    const agency = values.as ?? values.agency;
    if (agency) filter.agency = agency;
    if (values.code) filter.code = values.code;
    if (values.since) filter.since = parseTime(values.since, 'since');
    const as = values.as;
    const records = as
      ? await withIdentity(dir, { kind: 'adapter', agency: as }, values.creds, ({ nc }) => listOwnQuarantine(nc, as, filter))
      : await withIdentity(dir, { kind: 'operator' }, values.creds, async ({ js, jsm }) => listQuarantine(js, await jsm(), filter));
    for (const r of records) {
      const row = {
        quarantinedAt: formatTimestamp(r.quarantinedAt),
        agency: r.agency,
        ingestSeq: Number(r.ingestSeq),
        noticeId: r.noticeId || undefined,
        code: r.code,
        reason: describeReason(r.code),
        path: r.path || undefined,
        kid: r.kid || undefined,
        bytes: r.submission.length,
      };
      if (values.json) process.stdout.write(`${JSON.stringify(row)}\n`);
      else
        process.stdout.write(
          `${row.quarantinedAt} ${row.agency} #${row.ingestSeq} ${row.code}${row.path ? ` at ${row.path}` : ''}: ${row.reason}${row.noticeId ? ` (notice ${row.noticeId})` : ''}\n`,
        );
    }
    process.stderr.write(`${records.length} quarantined submission(s)\n`);
    return EXIT.ok;
  },
};
