import { trackNotice } from '../../libs/client/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { describeHandling, handlingNames } from '../../libs/notice/index.js';
import { formatTimestamp, messageToJson } from '../../libs/proto/index.js';
import { assertAgencyId } from '../../libs/registry/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const trackCommand: Command = {
  name: 'track',
  summary: 'for the issuing agency: who received its notice, with which categories, who read it; its handling codes',
  help: `Usage: accord track NOTICE_ID --as ID --dir DIR [--creds FILE] [--json]

Asks the audit service, from the audit stream, what became of a notice the agency issued:
the handling codes and relations it was accepted with, each recipient with the categories
it got and those withheld (or a tombstone, or a supplementary view released on a request),
the requests to widen it and their answers, the views a withdrawal erased, and the read
receipts.
Only the issuing agency can ask (with its liaison officers' credentials).`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { as: { type: 'string' }, dir: { type: 'string' }, creds: { type: 'string' }, json: { type: 'boolean' } },
      { min: 1, max: 1, names: 'the NOTICE_ID' },
    );
    const as = requireOption(values.as, 'as');
    assertAgencyId(as, '--as');
    const noticeId = positionals[0] ?? '';
    const report = await withIdentity(requireOption(values.dir, 'dir'), { kind: 'liaison', agency: as }, values.creds, async ({ nc }) =>
      trackNotice(nc, as, noticeId, 30_000),
    );
    if (report.error) throw new AccordError('E_NOT_FOUND', `notice ${noticeId}: ${report.error}`);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(messageToJson('accord.v1.TrackReport', report))}\n`);
      return EXIT.ok;
    }
    process.stdout.write(`notice ${noticeId}: ${report.status}, policy ${report.policyVersion}\n`);
    for (const h of describeHandling(handlingNames(report.handling))) {
      process.stdout.write(`  handling: ${h.code}${h.meaning ? ` (${h.meaning})` : ''}\n`);
    }
    for (const r of report.relations) process.stdout.write(`  relation: ${r.replace(':', ' ')}\n`);
    for (const d of report.deliveries) {
      const withheld = d.withheldCategories ?? [];
      const what = d.tombstone
        ? 'a tombstone'
        : `${(d.categories ?? []).join(', ')}${withheld.length ? `; withheld ${withheld.join(', ')}` : ''}${d.requestId ? ` (released on request ${d.requestId})` : ''}`;
      process.stdout.write(`  delivered to ${d.recipient} at ${formatTimestamp(d.deliveredAt)}: ${what}\n`);
    }
    for (const w of report.widen)
      process.stdout.write(
        `  request ${w.requestId} by ${w.requester} for ${(w.categories ?? []).join(', ')}: ${w.status} at ${formatTimestamp(w.at)}\n`,
      );
    if (report.erasedFrom.length > 0) process.stdout.write(`  withdrawn: its views erased from ${report.erasedFrom.join(', ')}\n`);
    for (const r of report.receipts) process.stdout.write(`  read by ${r.officer} of ${r.agency} at ${formatTimestamp(r.readAt)}\n`);
    if (report.deliveries.length === 0) process.stdout.write('  delivered to no one\n');
    return EXIT.ok;
  },
};
