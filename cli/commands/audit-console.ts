import { DEFAULT_AUDIT_CONSOLE_LISTEN } from '../../libs/audit-console/index.js';
import { isLoopback, parseListen } from '../../libs/node/index.js';
import { startAuditConsole } from '../../services/audit-console/audit-console-service.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const auditConsoleCommand: Command = {
  name: 'audit console',
  summary: 'a web console for auditors: the chain, its verification, records, trails, proofs, the bundle, charts',
  help: `Usage: accord audit console --dir DIR [--listen ADDR] [--creds FILE]

Serves the audit stream to an auditor in a browser, read with the auditor's credentials:
the chain's height and last signed checkpoint; a verification of the whole chain with
its progress and outcome (the first bad chain index if any); the records by notice,
agency, kind and time; a notice's trail with its inclusion proofs (to download as
\`accord audit proof\` prints them); the bundle \`accord audit export\` writes (for
\`accord audit verify-bundle\`); charts of records per day by kind and of quarantines
by reason code. English, French and Arabic. Each page reads the stream when it is
served. Prints the URL; Ctrl-C stops it.

  --listen ADDR   HOST:PORT on a loopback address (default ${DEFAULT_AUDIT_CONSOLE_LISTEN}; port 0: any free port).
                  The console has no TLS and no sign-in yet, so it refuses any other address.
  --creds FILE    the auditor's NATS credentials (default: those the stack issued)

Example: accord audit console --dir ./my-stack`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      { dir: { type: 'string' }, listen: { type: 'string' }, creds: { type: 'string' } },
      { min: 0, max: 0, names: '' },
    );
    const dir = requireOption(values.dir, 'dir');
    const listen = parseListen(values.listen ?? DEFAULT_AUDIT_CONSOLE_LISTEN);
    if (!isLoopback(listen.host)) {
      throw usageError(
        `--listen ${values.listen ?? ''}: the auditor console listens on a loopback address only (127.0.0.1, [::1]); TLS and sign-in, which another address would need, are not offered yet`,
      );
    }
    const running = await startAuditConsole({ dir, listen, ...(values.creds !== undefined ? { creds: values.creds } : {}) });
    process.stdout.write(`auditor console at ${running.url}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await running.stop();
    return EXIT.ok;
  },
};
