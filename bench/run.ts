/**
 * `npm run bench [-- --quick]`: prints figures and writes bench/results.json. Figures, not
 * tests: nothing here asserts a timing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../libs/stack/index.js';
import { auditReplayVerify } from './audit-bench.js';
import { redactionViewsPerSecond } from './redaction-bench.js';

const quick = process.argv.includes('--quick');
const ms = quick ? 2000 : 6000;

const auditRecords = quick ? 20_000 : 100_000;
const progress = (line: string): void => void process.stderr.write(`${line}\n`);

progress('redaction: views per second');
const redactionViewsPerSec = Math.round(await redactionViewsPerSecond(ms));
progress(`audit: chaining ${auditRecords} records, then replaying and verifying them`);
const audit = await auditReplayVerify(auditRecords, progress);

const results = {
  redactionViewsPerSec,
  auditVerifyRecordsPerSec: Math.round(audit.recordsPerSec),
  auditChainRecordsPerSec: Math.round(audit.chainedPerSec),
  auditReplay: { records: audit.records, checkpoints: audit.checkpoints },
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version },
  options: { quick },
};
console.table({
  'redaction views/s (20 persons, 5 grant sets)': results.redactionViewsPerSec,
  [`audit replay + verify records/s (${audit.records} records, ${audit.checkpoints} checkpoints)`]: results.auditVerifyRecordsPerSec,
  'audit writer records chained/s': results.auditChainRecordsPerSec,
});
const dir = join(packageRoot(), 'bench');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
