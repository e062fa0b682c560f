import { setCountedTlpIn } from '../../libs/context/index.js';
import { DEFAULT_COUNTED_TLP, isTlpName, TLP_NAMES, type TlpName } from '../../libs/registry/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';

function parseLevels(value: string): TlpName[] {
  if (value === 'none') return [];
  const levels = value.split(',').map((l) => l.trim().toUpperCase().replace('+', '_'));
  const bad = levels.filter((l) => !isTlpName(l));
  if (bad.length > 0 || levels.length === 0) {
    throw usageError(`--count ${value}: expected TLP levels separated by commas (${TLP_NAMES.join(', ')}), or none`);
  }
  return levels.filter(isTlpName);
}

export const agencyStatisticsCommand: Command = {
  name: 'agency statistics',
  summary: "set which TLP levels of an agency's own notices the statistics count",
  help: `Usage: accord agency statistics ID --count LEVELS|none --dir DIR [--json]

Records, for the issuing agency, which TLP levels of its own notices are counted in the
statistical releases research agencies receive; the choice is the issuer's to make, and
the audit stream records it (POLICY "statistics-counting", with the levels). Routing
applies it from the next notice on; notices already counted stay counted until a
withdrawal or an update takes them out. Until an agency says otherwise, its
${DEFAULT_COUNTED_TLP.join(', ')} notices are counted and its AMBER_STRICT and RED ones are not.

  --count   TLP levels, separated by commas (${TLP_NAMES.join(', ')}), or none

Example: accord agency statistics it-police --count CLEAR,GREEN --dir ./stack`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { dir: { type: 'string' }, count: { type: 'string' }, json: { type: 'boolean' } },
      { min: 1, max: 1, names: 'the agency ID' },
    );
    const id = positionals[0] ?? '';
    const levels = parseLevels(requireOption(values.count, 'count'));
    const agency = await setCountedTlpIn(requireOption(values.dir, 'dir'), id, levels);
    const counted = agency.countedTlp ?? [];
    if (values.json) process.stdout.write(`${JSON.stringify({ agency: id, countedTlp: counted })}\n`);
    else
      process.stdout.write(
        counted.length > 0
          ? `agency ${id}: the statistics count its ${counted.join(', ')} notices\n`
          : `agency ${id}: the statistics count none of its notices\n`,
      );
    return EXIT.ok;
  },
};
