import { readFileSync } from 'node:fs';
import { awaitDecision, publishSubmission, signNotice, readStackFile } from '../../libs/client/index.js';
import { readJsonFile } from '../../libs/config/index.js';
import { AccordError, describeReason } from '../../libs/errors/index.js';
import { parseNoticeJson } from '../../libs/notice/index.js';
import { v1 } from '../../libs/proto/index.js';
import { signingKeyFromJwk } from '../../libs/signing/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseCount, parseOptions, requireOption } from '../parse-options.js';

export const publishCommand: Command = {
  name: 'publish',
  summary: 'sign a case notice with the agency key and submit it to the bus',
  help: `Usage: accord publish --as ID NOTICE.json --dir DIR [--key FILE] [--creds FILE] [--wait]
                      [--timeout SECONDS] [--json]

Reads the notice (the proto3 JSON form of accord.v1.CaseNotice; "-" reads standard
input), checks it, signs it (detached EdDSA JWS over its protobuf bytes) and publishes
it as agency ID. Prints the noticeId. Publishing the same notice again within the
bus's dedup window is the same submission, not a second one.

  --as ID           the publishing agency (must be the notice's issuingAgency)
  --key FILE        the agency's private JWK (default: its demo key in DIR)
  --creds FILE      the adapter's NATS credentials (default: those in DIR)
  --wait            wait for ingest's decision: exit 0 accepted, 4 quarantined
  --timeout S       how long --wait waits (default 30)

Example: accord publish --as it-police notice.json --dir ./my-stack --wait`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      {
        as: { type: 'string' },
        dir: { type: 'string' },
        key: { type: 'string' },
        creds: { type: 'string' },
        wait: { type: 'boolean' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
      },
      { min: 1, max: 1, names: 'the notice file (NOTICE.json, or - for standard input)' },
    );
    const as = requireOption(values.as, 'as');
    const dir = requireOption(values.dir, 'dir');
    const file = positionals[0] ?? '-';
    const timeoutMs = (parseCount(values.timeout, 'timeout') ?? 30) * 1000;
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      throw usageError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const notice = parseNoticeJson(text);
    if (notice.issuingAgency !== as) {
      throw new AccordError('E_SUBJECT_MISMATCH', `${file}: issuingAgency is "${notice.issuingAgency}" but publishing --as ${as}`, {
        path: 'issuingAgency',
      });
    }
    const stack = readStackFile(dir);
    const keyFile = values.key ?? stack.agencies[as]?.signingKey;
    if (!keyFile) throw usageError(`no --key given and DIR holds no demo key for ${as}`);
    const key = await signingKeyFromJwk(await readJsonFile(keyFile, 'the signing key'), keyFile);
    const submission = await signNotice(notice, key);
    return withIdentity(dir, { kind: 'adapter', agency: as }, values.creds, async ({ nc, js }) => {
      const published = await publishSubmission(js, as, notice.noticeId, submission);
      const decision = values.wait ? await awaitDecision(nc, as, published.seq, timeoutMs) : undefined;
      const quarantined = decision?.status === v1.DecisionStatus.DECISION_QUARANTINED;
      if (values.json) {
        const out: Record<string, unknown> = { noticeId: notice.noticeId, seq: published.seq, duplicate: published.duplicate };
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
  },
};
