import { randomUUID } from 'node:crypto';
import {
  buildRelease,
  listWiden,
  pendingRequest,
  refuseWiden,
  releaseDaysMs,
  releaseWidenUntilAnswered,
  RELEASE_DAYS,
  requestWiden,
  SentStore,
  WIDEN_TEXT_MAX_CHARS,
  WIDENABLE_CATEGORIES,
} from '../../libs/client/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { isNoticeId } from '../../libs/notice/index.js';
import { formatTimestamp, messageToJson, v1 } from '../../libs/proto/index.js';
import { assertAgencyId } from '../../libs/registry/index.js';
import { stackLayout } from '../../libs/stack/index.js';
import { EXIT, usageError, type ExitCode } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { oneLine } from '../output-guard.js';
import { parseOptions, requireOption } from '../parse-options.js';
import { agencySigningKey } from '../submit-notice.js';

/** How long routing has to answer one op. */
const WIDEN_TIMEOUT_MS = 15_000;

const OPTIONS = { as: { type: 'string' }, dir: { type: 'string' }, creds: { type: 'string' }, json: { type: 'boolean' } } as const;

const OPTIONS_HELP = `  --dir DIR         the stack's folder (its stack.json)
  --creds FILE      the adapter's NATS credentials (default: those in DIR)
  --json            one JSON document`;

function agencyOf(values: { as?: string | undefined }): string {
  const as = requireOption(values.as, 'as');
  assertAgencyId(as, '--as');
  return as;
}

function idOf(value: string | undefined, name: string): string {
  const id = value ?? '';
  if (!isNoticeId(id)) throw usageError(`${name} "${id}" is not a UUID`);
  return id;
}

/** A reason or a refusal: plain text for the other agency, within routing's limit. */
function textOf(value: string, name: string): string {
  const text = value.trim();
  if (text === '') throw usageError(`--${name} is empty`);
  if (text.length > WIDEN_TEXT_MAX_CHARS) throw usageError(`--${name} is ${text.length} characters; at most ${WIDEN_TEXT_MAX_CHARS}`);
  return text;
}

function categoriesOf(values: string[] | undefined): string[] {
  if (!values || values.length === 0) throw usageError(`--category is required (one of ${WIDENABLE_CATEGORIES.join(', ')})`);
  for (const c of values) {
    if (!WIDENABLE_CATEGORIES.includes(c)) throw usageError(`--category ${c}: expected one of ${WIDENABLE_CATEGORIES.join(', ')}`);
  }
  return [...new Set(values)];
}

/** --expires: whole days (7d) or hours (12h), more than nothing and at most RELEASE_DAYS.max days. */
export function parseExpires(value: string | undefined): number {
  if (value === undefined) return releaseDaysMs(RELEASE_DAYS.default);
  const match = /^([0-9]{1,4})([dh])$/.exec(value);
  const ms = match ? Number(match[1]) * (match[2] === 'd' ? releaseDaysMs(1) : 3_600_000) : 0;
  if (!(ms > 0 && ms <= releaseDaysMs(RELEASE_DAYS.max))) {
    throw usageError(`--expires ${value}: expected a duration such as ${RELEASE_DAYS.default}d or 12h, at most ${RELEASE_DAYS.max}d`);
  }
  return ms;
}

const recordJson = (r: v1.WidenRecord) => messageToJson('accord.v1.WidenRecord', r);

const statusOf = (r: v1.WidenRecord): string => v1.WidenStatus[r.status] ?? String(r.status);

/** One request on one line, what another agency wrote in it escaped. */
function describeRequest(r: v1.WidenRecord): string {
  const refusal = r.refusal ? ` (${oneLine(r.refusal)})` : '';
  return `${r.requestId} ${statusOf(r)}${refusal}: ${r.requester} asks ${r.issuer} for ${r.categories.join(', ')} of notice ${r.noticeId}`;
}

/** The request as routing answered it: a line, or with --json its document (and `extra`). */
function printRecord(r: v1.WidenRecord, json: boolean, extra: Record<string, unknown> = {}): ExitCode {
  process.stdout.write(json ? `${JSON.stringify({ ...recordJson(r), ...extra })}\n` : `${describeRequest(r)}\n`);
  return EXIT.ok;
}

export const widenRequestCommand: Command = {
  name: 'widen request',
  summary: "ask a notice's issuer for categories the agency was not granted",
  help: `Usage: accord widen request --as ID NOTICE_ID --category C [--category C ...] --reason TEXT
                            --dir DIR [--request-id UUID] [--creds FILE] [--json]

Asks the issuer of NOTICE_ID, a notice agency ID received, for field categories of it
that the agency was not granted, saying why. The issuer releases them (the agency then
gets a supplementary view of the notice, with them) or refuses. Prints the request's id
and status; accord widen list follows it.

  --as ID           the asking agency (a recipient of the notice)
  --category C      one of ${WIDENABLE_CATEGORIES.join(', ')}
                    (repeat for several)
  --reason TEXT     why, for the issuer (plain text, at most ${WIDEN_TEXT_MAX_CHARS} characters; it stays
                    with the request: the audit trail records who asked what, not why)
  --request-id UUID the request's id (default: a fresh one); asking again with the same
                    id is the same request
${OPTIONS_HELP}

Example: accord widen request --as ly-coastguard 5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11 \\
           --category smuggler.identity --reason "The same skipper is reported in our case LY-7." --dir ./my-stack`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { ...OPTIONS, category: { type: 'string', multiple: true }, reason: { type: 'string' }, 'request-id': { type: 'string' } },
      { min: 1, max: 1, names: 'the NOTICE_ID of a notice the agency received' },
    );
    const as = agencyOf(values);
    const request = {
      requestId: values['request-id'] !== undefined ? idOf(values['request-id'], '--request-id') : randomUUID(),
      noticeId: idOf(positionals[0], 'NOTICE_ID'),
      categories: categoriesOf(values.category),
      reason: textOf(requireOption(values.reason, 'reason'), 'reason'),
    };
    const record = await withIdentity(requireOption(values.dir, 'dir'), { kind: 'adapter', agency: as }, values.creds, ({ nc }) =>
      requestWiden(nc, as, request, WIDEN_TIMEOUT_MS),
    );
    return printRecord(record, values.json ?? false);
  },
};

const SHORT_REASON = 40;

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > SHORT_REASON ? `${line.slice(0, SHORT_REASON - 1)}…` : line;
}

/** The requests as a table, one a line, each column as wide as its widest value. */
export function widenTable(records: readonly v1.WidenRecord[]): string {
  const rows = [
    ['REQUEST', 'NOTICE', 'FROM → TO', 'CATEGORIES', 'STATUS', 'REASON'],
    ...records.map((r) =>
      [r.requestId, r.noticeId, `${r.requester} → ${r.issuer}`, r.categories.join(','), statusOf(r), shorten(r.reason)].map(oneLine),
    ),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

export const widenListCommand: Command = {
  name: 'widen list',
  summary: 'the requests to widen the agency made, and those addressed to it as an issuer',
  help: `Usage: accord widen list --as ID --dir DIR [--creds FILE] [--json]

Lists, newest first, the requests to widen agency ID made and those addressed to it as a
notice's issuer: request id, notice, requester → issuer, categories, status (PENDING,
RELEASED, REFUSED) and the reason, shortened. With --json, one document:
{"requests":[{"requestId","noticeId","requester","issuer","categories","reason","status",
"requestedAt","decidedAt","refusal",...}]}, the reason whole.

  --as ID           the agency
${OPTIONS_HELP}

Example: accord widen list --as it-police --dir ./my-stack`,
  async run(argv) {
    const { values } = parseOptions(argv, OPTIONS, { min: 0, max: 0, names: '' });
    const as = agencyOf(values);
    const records = await withIdentity(requireOption(values.dir, 'dir'), { kind: 'adapter', agency: as }, values.creds, ({ nc }) =>
      listWiden(nc, as, WIDEN_TIMEOUT_MS),
    );
    if (values.json) process.stdout.write(`${JSON.stringify({ requests: records.map(recordJson) })}\n`);
    else {
      if (records.length > 0) process.stdout.write(`${widenTable(records)}\n`);
      process.stderr.write(`${records.length} request(s) to widen\n`);
    }
    return EXIT.ok;
  },
};

/** How long a release is sent again while the bus does not answer it (a stage restarting). */
const RELEASE_DEADLINE_MS = 60_000;

export const widenReleaseCommand: Command = {
  name: 'widen release',
  summary: "as the issuer, release the categories a request to widen asks for, signed with the agency's key",
  help: `Usage: accord widen release --as ID REQUEST_ID --dir DIR [--expires DURATION] [--key FILE]
                            [--creds FILE] [--json]

Releases what request REQUEST_ID asks of agency ID, the notice's issuer: signs, with the
agency's key, a release of exactly the request's categories of its notice to its
requester, until now + --expires, and sends it with the notice as the agency signed it,
kept in DIR/agencies/ID/sent when it was published (the bus keeps no notice): only notices
published from this folder can be released. The requester gets a supplementary view of
the notice with the released categories. The request must be addressed to ID and pending.
While the bus does not answer (a stage restarting), the same release is sent again for up
to a minute: it is delivered once however often it is sent.

  --as ID           the issuing agency
  --expires DURATION how long the release lasts: days (7d) or hours (12h); default
                    ${RELEASE_DAYS.default}d, at most ${RELEASE_DAYS.max}d
  --key FILE        the agency's private JWK (default: its demo key in DIR)
${OPTIONS_HELP}

Example: accord widen release --as it-police 0b6e2f4a-3c1d-4e5f-8a9b-7c6d5e4f3a2b --expires 3d --dir ./my-stack`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { ...OPTIONS, expires: { type: 'string' }, key: { type: 'string' } },
      { min: 1, max: 1, names: 'the REQUEST_ID to release' },
    );
    const as = agencyOf(values);
    const requestId = idOf(positionals[0], 'REQUEST_ID');
    const expiresInMs = parseExpires(values.expires);
    const dir = requireOption(values.dir, 'dir');
    const key = await agencySigningKey(dir, as, values.key);
    const sent = new SentStore(stackLayout(dir).agencySent(as));
    return withIdentity(dir, { kind: 'adapter', agency: as }, values.creds, async ({ nc }) => {
      const record = pendingRequest(await listWiden(nc, as, WIDEN_TIMEOUT_MS), requestId, as);
      const signedNotice = sent.get(record.noticeId);
      if (!signedNotice) {
        throw new AccordError(
          'E_NOT_FOUND',
          `notice ${record.noticeId}: the notice's signed copy is not in ${sent.dir}: only notices published from this folder can be released`,
        );
      }
      const submission = await buildRelease({ record, signedNotice, key, now: new Date(), expiresInMs });
      const expiresAt = formatTimestamp(v1.Release.decode(submission.release ?? new Uint8Array()).expiresAt);
      const released = await releaseWidenUntilAnswered(nc, as, submission, {
        attemptMs: WIDEN_TIMEOUT_MS,
        deadlineMs: RELEASE_DEADLINE_MS,
        onRetry: (error) => process.stderr.write(`the bus did not answer (${error.message}); sending the same release again\n`),
      });
      printRecord(released, values.json ?? false, { expiresAt });
      if (!values.json) process.stdout.write(`released until ${expiresAt}\n`);
      return EXIT.ok;
    });
  },
};

export const widenRefuseCommand: Command = {
  name: 'widen refuse',
  summary: 'as the issuer, refuse a request to widen, saying why',
  help: `Usage: accord widen refuse --as ID REQUEST_ID --dir DIR [--reason TEXT] [--creds FILE] [--json]

Refuses request REQUEST_ID, addressed to agency ID as the notice's issuer; the reason,
if given, reaches the requester. A request refused already is answered as it stands; one
released, or being released, is not refused (E_CONFLICT).

  --as ID           the issuing agency
  --reason TEXT     why, for the requester (plain text, at most ${WIDEN_TEXT_MAX_CHARS} characters)
${OPTIONS_HELP}

Example: accord widen refuse --as it-police 0b6e2f4a-3c1d-4e5f-8a9b-7c6d5e4f3a2b \\
           --reason "The investigation is at a stage where names cannot be shared." --dir ./my-stack`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { ...OPTIONS, reason: { type: 'string' } },
      { min: 1, max: 1, names: 'the REQUEST_ID to refuse' },
    );
    const as = agencyOf(values);
    const refusal = {
      requestId: idOf(positionals[0], 'REQUEST_ID'),
      refusal: values.reason !== undefined ? textOf(values.reason, 'reason') : '',
    };
    const refused = await withIdentity(requireOption(values.dir, 'dir'), { kind: 'adapter', agency: as }, values.creds, ({ nc }) =>
      refuseWiden(nc, as, refusal, WIDEN_TIMEOUT_MS),
    );
    return printRecord(refused, values.json ?? false);
  },
};
