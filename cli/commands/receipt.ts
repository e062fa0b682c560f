import { sendReceipt } from '../../libs/client/index.js';
import { assertAgencyId } from '../../libs/registry/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const receiptCommand: Command = {
  name: 'receipt',
  summary: 'record that an officer of the agency read a notice',
  help: `Usage: accord receipt --as ID NOTICE_ID --officer NAME --dir DIR [--creds FILE]

Sends a read receipt; the audit stream records it (agency, officer, time).

  --as ID          the reading agency
  --officer NAME   the officer's name or id (1 to 128 characters)
  --creds FILE     the liaison officers' NATS credentials (default: those in DIR)`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { as: { type: 'string' }, officer: { type: 'string' }, dir: { type: 'string' }, creds: { type: 'string' } },
      { min: 1, max: 1, names: 'the NOTICE_ID' },
    );
    const as = requireOption(values.as, 'as');
    assertAgencyId(as, '--as');
    const officer = requireOption(values.officer, 'officer');
    const dir = requireOption(values.dir, 'dir');
    const noticeId = positionals[0] ?? '';
    await withIdentity(dir, { kind: 'liaison', agency: as }, values.creds, ({ js }) => sendReceipt(js, as, noticeId, officer));
    process.stdout.write(`receipt recorded: ${officer} of ${as} read ${noticeId}\n`);
    return EXIT.ok;
  },
};
