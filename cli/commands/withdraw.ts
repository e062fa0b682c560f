import { randomUUID } from 'node:crypto';
import {
  DEFAULT_WITHDRAWAL_CODE,
  keptVersions,
  reasonNamesPerson,
  SentStore,
  WITHDRAWAL_ROUTE_COUNTRY,
  withdrawalNotice,
} from '../../libs/client/index.js';
import { isNoticeId, withdrawalCodeNames } from '../../libs/notice/index.js';
import { stackLayout } from '../../libs/stack/index.js';
import { usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';
import { submitNotice, submitSettings, SUBMIT_OPTIONS, SUBMIT_OPTIONS_HELP } from '../submit-notice.js';

const REASON_WARNING =
  'the reason reaches every recipient of the notice: the bus scrubs numbers, dates, identifiers and coordinates out of it, ' +
  'but cannot know the names it no longer holds; name no person in it';

export const withdrawCommand: Command = {
  name: 'withdraw',
  summary: 'withdraw a notice the agency issued: every recipient gets a tombstone in its place',
  help: `Usage: accord withdraw --as ID NOTICE_ID --reason TEXT [--code C] --dir DIR [--key FILE]
                       [--creds FILE] [--wait] [--timeout SECONDS] [--json]

Withdraws NOTICE_ID, a notice agency ID issued, and every earlier version of it: builds,
signs and publishes the withdrawal, a notice whose summary is the reason and whose one
relation is {"kind":"WITHDRAWAL","noticeId":"NOTICE_ID","withdrawalCode":C}, with a fresh
noticeId, issuedAt now, type CASE_UPDATE, tlp RED, no addressees, caseRef "withdrawal of
NOTICE_ID", mode LAND and route ${WITHDRAWAL_ROUTE_COUNTRY} (placeholders the schema wants: the
withdrawal's core reaches no one). It is delivered to no one as content: every agency
that received a version of the notice gets a tombstone in its place, carrying the code
and the reason; the bus deletes the views of it that it delivered, and recipients are
to delete their copies. Prints the noticeId, like accord publish. Ingest refuses
(E_RELATION) a withdrawal of another agency's notice, of one already withdrawn, or of a
version already updated (withdraw the latest).

The reason reaches every recipient. The bus scrubs numbers, dates, identifiers and
coordinates out of it, but no longer holds the withdrawn notice's names: name no person.
A reason that shows a value of a person of the notice, in any kept version (DIR/agencies/
ID/sent: names in any script, a date of birth, a phone or document number), is refused
here, before anything is sent.

  --as ID           the issuing agency
  --reason TEXT     why, in plain text (required; no {{ markup)
  --code C          ${withdrawalCodeNames().join(', ')}
                    (default ${DEFAULT_WITHDRAWAL_CODE})
${SUBMIT_OPTIONS_HELP}

Example: accord withdraw --as it-police 5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11 --code INACCURATE \\
           --reason "The boat was not the one reported." --dir ./my-stack --wait`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { ...SUBMIT_OPTIONS, reason: { type: 'string' }, code: { type: 'string' } },
      { min: 1, max: 1, names: 'the NOTICE_ID of the notice to withdraw' },
    );
    const settings = submitSettings(values);
    const withdrawnNoticeId = positionals[0] ?? '';
    if (!isNoticeId(withdrawnNoticeId)) throw usageError(`NOTICE_ID "${withdrawnNoticeId}" is not a noticeId (a UUID)`);
    const notice = withdrawalNotice({
      as: settings.as,
      withdrawnNoticeId,
      reason: requireOption(values.reason, 'reason'),
      ...(values.code !== undefined ? { code: values.code } : {}),
      now: new Date(),
      freshNoticeId: randomUUID,
    });
    // The issuer kept what it signed: the reason is checked against the persons of every version kept.
    const versions = keptVersions(new SentStore(stackLayout(requireOption(values.dir, 'dir')).agencySent(settings.as)), withdrawnNoticeId);
    const named = reasonNamesPerson(notice.summary, versions);
    if (named)
      throw usageError(
        `--reason shows a value of ${named.path} of ${named.noticeId}; the reason reaches every recipient, some never granted it: leave it out`,
      );
    if (versions.length === 0)
      process.stderr.write(`no kept copy of ${withdrawnNoticeId} here: the reason is not checked for its persons\n`);
    process.stderr.write(`${REASON_WARNING}\n`);
    return submitNotice(notice, settings, {
      relation: { kind: 'WITHDRAWAL', noticeId: withdrawnNoticeId, withdrawalCode: values.code ?? DEFAULT_WITHDRAWAL_CODE },
    });
  },
};
