import { removeAgency, rotateAgencyCredentials } from '../../libs/stack/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const agencyRotateCredsCommand: Command = {
  name: 'agency rotate-creds',
  summary: "issue new NATS credentials for an agency's adapter and liaisons (old ones refused at once)",
  help: `Usage: accord agency rotate-creds ID --dir DIR

Issues new credentials (nkey seeds) for the agency's adapter and its liaison officers,
written to DIR/agencies/ID/. The broker reloads at once: the old credentials are refused
and connections made with them are closed. Hand the new files to the agency.`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { dir: { type: 'string' } }, { min: 1, max: 1, names: 'the agency ID' });
    const id = positionals[0] ?? '';
    const creds = await rotateAgencyCredentials(requireOption(values.dir, 'dir'), id);
    process.stdout.write(`new credentials for ${id}:\n  adapter:  ${creds.adapterCreds}\n  liaisons: ${creds.liaisonCreds}\n`);
    return EXIT.ok;
  },
};

export const agencyRemoveCommand: Command = {
  name: 'agency remove',
  summary: 'remove an agency: its credentials, registry entry and inbox',
  help: `Usage: accord agency remove ID --dir DIR

Removes the agency: its credentials are refused at once, it receives nothing more, and
its inbox consumer is deleted. Its public keys stay registered so that what it signed
remains verifiable. The audit stream records the removal.`,
  async run(argv) {
    const { values, positionals } = parseOptions(argv, { dir: { type: 'string' } }, { min: 1, max: 1, names: 'the agency ID' });
    const id = positionals[0] ?? '';
    await removeAgency(requireOption(values.dir, 'dir'), id);
    process.stdout.write(`agency ${id} removed\n`);
    return EXIT.ok;
  },
};
