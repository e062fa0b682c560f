import { ROLES } from '../../libs/registry/index.js';
import type { AddAgencyInput } from '../../libs/admin/index.js';
import { addAgencyIn } from '../../libs/context/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const agencyAddCommand: Command = {
  name: 'agency add',
  summary: 'register an agency: its public signing key and its inbox',
  help: `Usage: accord agency add ID --country CC --role ROLE [--groups G,..] [--public-key FILE]
                         [--not-after T] --dir DIR [--json]

Registers an agency on the bus of DIR (a local stack, or a deployment context made by
\`accord deployment init\`). Running services see it at once; no server changes.

  ID                a-z, 0-9 and dashes, starting with a letter, 2 to 32 characters
  --country CC      ISO 3166-1 alpha-2 (an international body: its seat's country)
  --role ROLE       ${ROLES.join(', ')}
  --groups G,..     sharing groups (TLP GREEN and AMBER reach agencies sharing one)
  --public-key FILE the agency's public JWK (from \`accord keys generate\`); without it
                    a demo key pair is generated into DIR/agencies/ID/
  --not-after T     RFC 3339 time after which the key is no longer valid

Example: accord agency add it-police --country IT --role police --groups med-route --dir ./my-stack`,
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      {
        country: { type: 'string' },
        role: { type: 'string' },
        groups: { type: 'string' },
        'public-key': { type: 'string' },
        'not-after': { type: 'string' },
        dir: { type: 'string' },
        json: { type: 'boolean' },
      },
      { min: 1, max: 1, names: 'the agency ID' },
    );
    const input: AddAgencyInput & { publicKeyFile?: string } = {
      id: positionals[0] ?? '',
      country: requireOption(values.country, 'country'),
      role: requireOption(values.role, 'role'),
      groups: (values.groups ?? '')
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean),
    };
    if (values['public-key']) input.publicKeyFile = values['public-key'];
    if (values['not-after']) input.notAfter = values['not-after'];
    const result = await addAgencyIn(requireOption(values.dir, 'dir'), input);
    if (values.json)
      process.stdout.write(`${JSON.stringify({ agency: result.agency, kid: result.kid, signingKey: result.signingKeyFile ?? null })}\n`);
    else {
      process.stdout.write(`registered ${input.id} (${input.role}, ${input.country}) with key ${result.kid}\n`);
      if (result.signingKeyFile) process.stdout.write(`demo signing key: ${result.signingKeyFile}\n`);
    }
    return EXIT.ok;
  },
};
