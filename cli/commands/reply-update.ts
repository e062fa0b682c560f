import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { InboxStore, relateNotice } from '../../libs/client/index.js';
import { isNoticeId } from '../../libs/notice/index.js';
import { v1 } from '../../libs/proto/index.js';
import { stackLayout } from '../../libs/stack/index.js';
import { usageError, type ExitCode } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions } from '../parse-options.js';
import {
  KEPT_COPY_HELP,
  readNoticeFile,
  submitNotice,
  submitSettings,
  SUBMIT_OPTIONS,
  SUBMIT_OPTIONS_HELP,
  type SubmitSettings,
} from '../submit-notice.js';

type RelatingKind = v1.RelationKind.REPLY | v1.RelationKind.UPDATE;

/** The issuer of a notice the agency received, when its local store (accord inbox's) holds it. */
function issuerInStore(storeDir: string, noticeId: string): string | undefined {
  return existsSync(storeDir) ? new InboxStore(storeDir).issuerOf(noticeId) : undefined;
}

/** NOTICE_ID (checked: a UUID) and the notice file of reply and update. */
function relatedAndFile(positionals: string[]): { relatedNoticeId: string; file: string } {
  const [relatedNoticeId = '', file = '-'] = positionals;
  if (!isNoticeId(relatedNoticeId)) throw usageError(`NOTICE_ID "${relatedNoticeId}" is not a noticeId (a UUID)`);
  return { relatedNoticeId, file };
}

/** The file's notice, related to the earlier one, each change said on stderr, signed and submitted. */
function relateAndSubmit(
  settings: SubmitSettings,
  kind: RelatingKind,
  target: { relatedNoticeId: string; file: string; relatedIssuer?: string },
): Promise<ExitCode> {
  const { notice, changes } = relateNotice({
    notice: readNoticeFile(target.file),
    as: settings.as,
    kind,
    relatedNoticeId: target.relatedNoticeId,
    ...(target.relatedIssuer ? { relatedIssuer: target.relatedIssuer } : {}),
    now: new Date(),
    freshNoticeId: randomUUID,
  });
  for (const change of changes) process.stderr.write(`${change}\n`);
  return submitNotice(notice, settings, { relation: { kind: v1.RelationKind[kind], noticeId: target.relatedNoticeId } });
}

const positionalsOf = (file: string) => ({ min: 2, max: 2, names: `NOTICE_ID and the notice file (${file}, or - for standard input)` });

const FILE_RULES = `Where the file has no noticeId, or NOTICE_ID's own, a fresh one is chosen, and issuedAt
becomes now; issuedAt, where absent, is now; issuingAgency, where absent, is ID (another
agency's is refused, exit 2). Each change made to the file's notice is said on stderr.
Prints the noticeId, like accord publish.
${KEPT_COPY_HELP}`;

export const replyCommand: Command = {
  name: 'reply',
  summary: 'answer a notice the agency received (a notice with a REPLY relation to it)',
  help: `Usage: accord reply --as ID NOTICE_ID REPLY.json --dir DIR [--key FILE] [--creds FILE]
                    [--wait] [--timeout SECONDS] [--store DIR] [--json]

Publishes REPLY.json (notice JSON, as for accord publish; "-" reads standard input) as
agency ID's answer to NOTICE_ID, a notice the agency received: the relation
{"kind":"REPLY","noticeId":"NOTICE_ID"} joins those the file has. A reply is addressed
to the earlier notice's issuer: when the agency's local store (the one accord inbox
writes) holds NOTICE_ID, its issuer is added to the addressees if missing.
${FILE_RULES}
Ingest refuses (E_RELATION) a reply to a notice the agency never received, or one not
addressed to its issuer. The relation is shown only to agencies that received or issued
NOTICE_ID.

  --as ID           the replying agency
  --store DIR       the agency's local store (default: DIR/agencies/ID/inbox)
${SUBMIT_OPTIONS_HELP}

Example: accord reply --as ly-coastguard 5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11 reply.json --dir ./my-stack --wait`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { ...SUBMIT_OPTIONS, store: { type: 'string' } }, positionalsOf('REPLY.json'));
    const settings = submitSettings(values);
    const { relatedNoticeId, file } = relatedAndFile(positionals);
    const storeDir = values.store ?? stackLayout(settings.dir).agencyStore(settings.as);
    const relatedIssuer = issuerInStore(storeDir, relatedNoticeId);
    if (!relatedIssuer)
      process.stderr.write(
        `${relatedNoticeId} is not in ${settings.as}'s local store (${storeDir}): its issuer must be among the addressees, or ingest refuses the reply (E_RELATION)\n`,
      );
    return relateAndSubmit(settings, v1.RelationKind.REPLY, { relatedNoticeId, file, ...(relatedIssuer ? { relatedIssuer } : {}) });
  },
};

export const updateCommand: Command = {
  name: 'update',
  summary: 'publish a new version of a notice the agency issued (an UPDATE relation to it)',
  help: `Usage: accord update --as ID NOTICE_ID NOTICE.json --dir DIR [--key FILE] [--creds FILE]
                     [--wait] [--timeout SECONDS] [--json]

Publishes NOTICE.json (notice JSON; "-" reads standard input) as the new version of
NOTICE_ID, a notice agency ID issued: the relation {"kind":"UPDATE","noticeId":"NOTICE_ID"}
joins those the file has (an UPDATE of an older version there, the file being that
version edited, is replaced). Edit the original notice's JSON and update it:
${FILE_RULES}
The new version goes to its own recipients as policy grants; every earlier recipient
not entitled to it gets a tombstone naming the versions it received. Ingest refuses
(E_RELATION) an update of another agency's notice, of a withdrawn one, or of a version
already updated (update the latest).

  --as ID           the issuing agency
${SUBMIT_OPTIONS_HELP}

Example: accord update --as it-police 5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11 notice.json --dir ./my-stack --wait`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, SUBMIT_OPTIONS, positionalsOf('NOTICE.json'));
    return relateAndSubmit(submitSettings(values), v1.RelationKind.UPDATE, relatedAndFile(positionals));
  },
};
