import { readFileSync } from 'node:fs';
import { awaitDecision, publishSubmission, readStackFile, SentStore, signNotice } from '../libs/client/index.js';
import { readJsonFile } from '../libs/config/index.js';
import { describeReason } from '../libs/errors/index.js';
import { parseNoticeJson } from '../libs/notice/index.js';
import { v1, type CaseNotice } from '../libs/proto/index.js';
import { assertAgencyId } from '../libs/registry/index.js';
import { signingKeyFromJwk, type SigningKey } from '../libs/signing/index.js';
import { stackLayout } from '../libs/stack/index.js';
import { EXIT, usageError, type ExitCode } from './cli-errors.js';
import { withIdentity } from './connect-stack.js';
import { parseCount, requireOption } from './parse-options.js';

/** The options of every verb that signs and submits a notice (publish, reply, update, withdraw). */
export const SUBMIT_OPTIONS = {
  as: { type: 'string' },
  dir: { type: 'string' },
  key: { type: 'string' },
  creds: { type: 'string' },
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Their --help lines, after each verb's own --as line. */
export const SUBMIT_OPTIONS_HELP = `  --dir DIR         the stack's folder (its stack.json)
  --key FILE        the agency's private JWK (default: its demo key in DIR)
  --creds FILE      the adapter's NATS credentials (default: those in DIR)
  --wait            wait for ingest's decision: exit 0 accepted, 4 quarantined
  --timeout S       how long --wait waits (default 30)
  --json            one JSON document: {"noticeId", "seq", "duplicate", "decision" (with --wait), ...}`;

/** What every signing verb keeps, for its --help. */
export const KEPT_COPY_HELP = `The signed notice is kept, before it is published, in DIR/agencies/ID/sent/<noticeId>.signed:
accord widen release sends it on when the agency releases more of the notice.`;

export interface SubmitSettings {
  as: string;
  dir: string;
  key: string | undefined;
  creds: string | undefined;
  wait: boolean;
  timeoutMs: number;
  json: boolean;
}

type SubmitValues = { [K in keyof typeof SUBMIT_OPTIONS]?: (typeof SUBMIT_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** The submit options as given, the required ones checked (usage errors, exit 2). */
export function submitSettings(values: SubmitValues): SubmitSettings {
  const as = requireOption(values.as, 'as');
  assertAgencyId(as, '--as');
  return {
    as,
    dir: requireOption(values.dir, 'dir'),
    key: values.key,
    creds: values.creds,
    wait: values.wait ?? false,
    timeoutMs: (parseCount(values.timeout, 'timeout') ?? 30) * 1000,
    json: values.json ?? false,
  };
}

/** A notice JSON file ("-": standard input), parsed (E_SCHEMA); a file that cannot be read is a usage error. */
export function readNoticeFile(file: string): CaseNotice {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw usageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseNoticeJson(text);
}

/** The agency's signing key: --key, else its demo key in DIR (none: a usage error); DIR must be a stack's folder either way. */
export async function agencySigningKey(dir: string, as: string, keyOption: string | undefined): Promise<SigningKey> {
  const stack = readStackFile(dir);
  const keyFile = keyOption ?? stack.agencies[as]?.signingKey;
  if (!keyFile) throw usageError(`no --key given and DIR holds no demo key for ${as}`);
  return signingKeyFromJwk(await readJsonFile(keyFile, 'the signing key'), keyFile);
}

/**
 * Signs the notice with the agency's key (--key, else its demo key in DIR), keeps the
 * signed bytes in DIR/agencies/ID/sent before publishing them (a release of the notice, on
 * a request to widen, needs them: the bus keeps no notice), publishes them with the
 * adapter's credential and, with --wait, waits for ingest's decision. Prints the noticeId
 * (and the decision), or with --json one document with `extra` in it.
 */
export async function submitNotice(notice: CaseNotice, settings: SubmitSettings, extra: Record<string, unknown> = {}): Promise<ExitCode> {
  const { as, dir } = settings;
  const key = await agencySigningKey(dir, as, settings.key);
  const submission = await signNotice(notice, key);
  const sent = new SentStore(stackLayout(dir).agencySent(as));
  const earlier = sent.get(notice.noticeId);
  sent.keep(notice.noticeId, submission);
  return withIdentity(dir, { kind: 'adapter', agency: as }, settings.creds, async ({ nc, js }) => {
    const published = await publishSubmission(js, as, notice.noticeId, submission);
    const decision = settings.wait ? await awaitDecision(nc, as, published.seq, settings.timeoutMs) : undefined;
    const quarantined = decision?.status === v1.DecisionStatus.DECISION_QUARANTINED;
    // The bus had this noticeId from an earlier submission (the broker's dedup, or ingest's
    // E_DUPLICATE): that one is the notice its recipients hold, and the copy to keep.
    if (earlier && (published.duplicate || (quarantined && decision.code === 'E_DUPLICATE'))) sent.keep(notice.noticeId, earlier);
    if (settings.json) {
      const out: Record<string, unknown> = { noticeId: notice.noticeId, seq: published.seq, duplicate: published.duplicate, ...extra };
      if (decision)
        out.decision = quarantined
          ? { status: 'QUARANTINED', code: decision.code, path: decision.path, reason: describeReason(decision.code) }
          : { status: 'ACCEPTED' };
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
      process.stdout.write(`${notice.noticeId}${published.duplicate ? ' (already submitted: same submission)' : ''}\n`);
      if (decision && quarantined) {
        const at = decision.path ? ` at ${decision.path}` : '';
        process.stdout.write(`quarantined: ${decision.code}${at}: ${describeReason(decision.code)}\n`);
      } else if (decision) process.stdout.write('accepted\n');
    }
    return quarantined ? EXIT.quarantined : EXIT.ok;
  });
}
