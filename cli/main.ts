#!/usr/bin/env node
import { errorMessage, isAccordError } from '../libs/errors/index.js';
import { EXIT, type ExitCode } from './cli-errors.js';
import type { Command } from './command.js';
import { installOutputGuard } from './output-guard.js';
import { agencyAddCommand } from './commands/agency-add.js';
import {
  agencyNodeAccessCommand,
  agencyRemoveCommand,
  agencyRevokeKeyCommand,
  agencyRotateCredsCommand,
  agencyRotateKeyCommand,
} from './commands/agency-manage.js';
import { auditExportCommand, auditVerifyBundleCommand } from './commands/audit-bundle.js';
import { auditConsoleCommand } from './commands/audit-console.js';
import { auditProofCommand } from './commands/audit-proof.js';
import { deploymentInitCommand, deploymentKeysCommand, serviceCredsCommand } from './commands/deployment.js';
import { auditReplayCommand } from './commands/audit-replay.js';
import { inboxCommand } from './commands/inbox.js';
import { keysGenerateCommand } from './commands/keys-generate.js';
import {
  nodeOfficerAddCommand,
  nodeOfficerDisableCommand,
  nodeOfficerResetCommand,
  nodeTokenCreateCommand,
  nodeReadsCommand,
  nodeTokenRevokeCommand,
} from './commands/node-accounts.js';
import { nodeInitCommand } from './commands/node-init.js';
import { nodeServeCommand } from './commands/node-serve.js';
import { policyApplyCommand, policyCheckCommand, policyExplainCommand } from './commands/policy.js';
import { publishCommand } from './commands/publish.js';
import { quarantineListCommand } from './commands/quarantine-list.js';
import { statusCommand } from './commands/status.js';
import { receiptCommand } from './commands/receipt.js';
import { replyCommand, updateCommand } from './commands/reply-update.js';
import { stackDownCommand, stackUpCommand } from './commands/stack-up.js';
import { trackCommand } from './commands/track.js';
import { statsCommand } from './commands/stats.js';
import { agencyStatisticsCommand } from './commands/agency-statistics.js';
import { widenListCommand, widenRefuseCommand, widenReleaseCommand, widenRequestCommand } from './commands/widen.js';
import { withdrawCommand } from './commands/withdraw.js';

const COMMANDS: Command[] = [
  stackUpCommand,
  stackDownCommand,
  deploymentKeysCommand,
  deploymentInitCommand,
  serviceCredsCommand,
  keysGenerateCommand,
  agencyAddCommand,
  agencyRotateKeyCommand,
  agencyRevokeKeyCommand,
  agencyRotateCredsCommand,
  agencyNodeAccessCommand,
  agencyStatisticsCommand,
  agencyRemoveCommand,
  nodeInitCommand,
  nodeServeCommand,
  nodeOfficerAddCommand,
  nodeOfficerDisableCommand,
  nodeOfficerResetCommand,
  nodeTokenCreateCommand,
  nodeTokenRevokeCommand,
  nodeReadsCommand,
  publishCommand,
  replyCommand,
  updateCommand,
  withdrawCommand,
  widenRequestCommand,
  widenListCommand,
  widenReleaseCommand,
  widenRefuseCommand,
  inboxCommand,
  receiptCommand,
  auditReplayCommand,
  auditExportCommand,
  auditVerifyBundleCommand,
  auditProofCommand,
  auditConsoleCommand,
  trackCommand,
  statsCommand,
  policyCheckCommand,
  policyApplyCommand,
  policyExplainCommand,
  quarantineListCommand,
  statusCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: accord <verb> [options]   (accord <verb> --help for its options)',
    '',
    'Accord: a secure multi-agency information-sharing bus for countering migrant smuggling.',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes: 0 done, 1 error, 2 usage, 3 a verification failed, 4 quarantined.',
  ].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

async function main(argv: string[]): Promise<ExitCode> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${overview()}\n`);
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`accord: unknown verb "${argv.slice(0, 2).join(' ')}"; run \`accord --help\` for the list\n`);
    return EXIT.usage;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (isAccordError(error) && error.code === 'E_USAGE') {
      process.stderr.write(`accord ${command.name}: ${errorMessage(error)} (see \`accord ${command.name} --help\`)\n`);
      return EXIT.usage;
    }
    if (isAccordError(error) && error.code === 'E_POLICY_INVALID') {
      process.stderr.write(`${error.message}\n`);
      return EXIT.error;
    }
    const code = isAccordError(error) ? `${error.code}: ` : '';
    process.stderr.write(`accord ${command.name}: ${code}${errorMessage(error)}\n`);
    return EXIT.error;
  }
}

installOutputGuard();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`accord: ${errorMessage(error)}\n`);
    process.exitCode = EXIT.error;
  },
);
