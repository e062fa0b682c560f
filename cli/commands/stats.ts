import { readBusVerificationKey, readReleases } from '../../libs/client/index.js';
import { isAccordError } from '../../libs/errors/index.js';
import { assertAgencyId } from '../../libs/registry/index.js';
import {
  DIMENSIONS,
  isDimension,
  isPeriodSelector,
  releaseRows,
  releasesToCsv,
  type Dimension,
  type Release,
} from '../../libs/statistics/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { parseOptions, requireOption } from '../parse-options.js';

const FORMATS = ['text', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

function parseBy(value: string | undefined): Dimension[] | undefined {
  if (value === undefined) return undefined;
  const by = value.split(',').map((d) => d.trim());
  const bad = by.filter((d) => !isDimension(d));
  if (bad.length > 0) throw usageError(`--by ${bad.join(',')}: expected one or more of ${DIMENSIONS.join(', ')}, separated by commas`);
  return by.filter(isDimension);
}

function parseFormat(format: string | undefined, json: boolean | undefined): Format {
  if (json) {
    if (format !== undefined && format !== 'json') throw usageError(`--json with --format ${format}: give one of them`);
    return 'json';
  }
  if (format === undefined) return 'text';
  const found = FORMATS.find((f) => f === format);
  if (!found) throw usageError(`--format ${format}: expected text (the default, a readable summary), csv or json`);
  return found;
}

const cellText = (c: { value: number | null; suppressed: boolean }): string => (c.suppressed ? 'suppressed' : String(c.value));

function describe(release: Release, by: Dimension[] | undefined): string {
  const d = release.disclosure;
  const lines = [
    `period ${release.period} (${release.periodStart} to ${release.periodEnd}), version ${release.version}, released ${release.releasedAt}`,
    `  ${release.note}`,
    `  issuers covered: ${release.coverage.map((c) => `${c.issuer} (${c.countedTlp.join(', ') || 'none'})`).join('; ') || 'none'}`,
    `  disclosure control: k = ${d.k}, p = ${d.p}; ${d.suppressed} of ${d.cells} cells suppressed (${d.primary} below k, ${d.secondary} to protect them)`,
  ];
  for (const table of release.tables) {
    if (by && !by.includes(table.dimension)) continue;
    const cells = table.cells.map((c) => `${c.key} ${cellText(c)}`).join(', ');
    lines.push(`  ${table.id}: total ${cellText(table.total)}${cells ? `; ${cells}` : ''}`);
  }
  return lines.join('\n');
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'for a research agency: the statistical releases of closed periods, with disclosure control',
  help: `Usage: accord stats --as ID --dir DIR [--period YYYY-MM|START] [--by DIM,...] [--format csv|json] [--all-versions] [--creds FILE]

Reads the statistical releases the bus delivered to a research agency (with its liaison
officers' credentials), checks each one's signature against the bus key, and prints the
latest version of each period (every version with --all-versions). A period is released
once it has closed and its grace has passed; before any has, there is nothing to print
and the exit is 0. Releases count notices, not incidents; cells below the threshold k,
and the cells that would let one be worked out, are shown as suppressed.

  --period   a month (YYYY-MM: every period that starts in it) or one period's start
  --by       only the tables by these dimensions (text and csv): ${DIMENSIONS.join(', ')}
  --format   text (the default), csv (one row per number, RFC 4180 quoting, LF line ends)
             or json (the releases whole, as signed); --json = --format json
  --creds    the liaison credentials (default: the agency's in DIR)

Exit codes: 0 done (also with no releases yet), 1 error, 2 usage, 3 a release failed verification.
Example: accord stats --as un-research --dir ./stack --period 2026-11 --by origin,nationality --format csv`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        as: { type: 'string' },
        dir: { type: 'string' },
        creds: { type: 'string' },
        period: { type: 'string' },
        by: { type: 'string' },
        format: { type: 'string' },
        json: { type: 'boolean' },
        'all-versions': { type: 'boolean' },
      },
      { min: 0, max: 0, names: '' },
    );
    const as = requireOption(values.as, 'as');
    assertAgencyId(as, '--as');
    const dir = requireOption(values.dir, 'dir');
    const by = parseBy(values.by);
    const format = parseFormat(values.format, values.json);
    if (by && format === 'json')
      throw usageError('--by with --format json: JSON gives the releases whole, as the bus signed them; use --by with text or csv');
    if (values.period !== undefined && !isPeriodSelector(values.period)) {
      throw usageError(`--period ${values.period}: expected a month (YYYY-MM) or a period's start (YYYY-MM-DDTHH:MM:SSZ)`);
    }
    let releases: Release[];
    try {
      releases = await withIdentity(dir, { kind: 'liaison', agency: as }, values.creds, async ({ stack, jsm }) => {
        const bus = await readBusVerificationKey(stack.busPublicKey);
        return readReleases(await jsm(), as, bus, {
          ...(values.period === undefined ? {} : { period: values.period }),
          allVersions: values['all-versions'] ?? false,
        });
      });
    } catch (error) {
      if (isAccordError(error) && error.code === 'E_STATISTICS_INVALID') {
        process.stderr.write(`accord stats: ${error.message}\n`);
        return EXIT.verificationFailed;
      }
      throw error;
    }
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(releases)}\n`);
    } else if (format === 'csv') {
      process.stdout.write(releasesToCsv(releaseRows(releases, by ? { by } : {})));
    } else if (releases.length === 0) {
      const which = values.period === undefined ? '' : ` for ${values.period}`;
      process.stdout.write(`no releases${which} yet: a period is released once it has closed and its grace has passed\n`);
    } else {
      process.stdout.write(`${releases.map((r) => describe(r, by)).join('\n\n')}\n`);
    }
    return EXIT.ok;
  },
};
