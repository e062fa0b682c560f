import { AccordError } from '../../libs/errors/index.js';
import type { Command } from '../command.js';
import { parseOptions } from '../parse-options.js';
import { KEPT_COPY_HELP, readNoticeFile, submitNotice, submitSettings, SUBMIT_OPTIONS } from '../submit-notice.js';

export const publishCommand: Command = {
  name: 'publish',
  summary: 'sign a case notice with the agency key and submit it to the bus',
  help: `Usage: accord publish --as ID NOTICE.json --dir DIR [--key FILE] [--creds FILE] [--wait]
                      [--timeout SECONDS] [--json]

Reads the notice (the proto3 JSON form of accord.v1.CaseNotice; "-" reads standard
input), checks it, signs it (detached EdDSA JWS over its protobuf bytes) and publishes
it as agency ID. Prints the noticeId. Publishing the same notice again within the
bus's dedup window is the same submission, not a second one.
${KEPT_COPY_HELP}

  --as ID           the publishing agency (must be the notice's issuingAgency)
  --key FILE        the agency's private JWK (default: its demo key in DIR)
  --creds FILE      the adapter's NATS credentials (default: those in DIR)
  --wait            wait for ingest's decision: exit 0 accepted, 4 quarantined
  --timeout S       how long --wait waits (default 30)

Example: accord publish --as it-police notice.json --dir ./my-stack --wait`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, SUBMIT_OPTIONS, {
      min: 1,
      max: 1,
      names: 'the notice file (NOTICE.json, or - for standard input)',
    });
    const settings = submitSettings(values);
    const file = positionals[0] ?? '-';
    const notice = readNoticeFile(file);
    if (notice.issuingAgency !== settings.as) {
      throw new AccordError(
        'E_SUBJECT_MISMATCH',
        `${file}: issuingAgency is "${notice.issuingAgency}" but publishing --as ${settings.as}`,
        { path: 'issuingAgency' },
      );
    }
    return submitNotice(notice, settings);
  },
};
