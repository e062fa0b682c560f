/**
 * `npm run bench [-- --quick]`: prints figures and writes bench/results.json. Figures, not
 * tests: nothing here asserts a timing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../libs/stack/index.js';
import { redactionViewsPerSecond } from './redaction-bench.js';

const quick = process.argv.includes('--quick');
const ms = quick ? 2000 : 6000;

const results = {
  redactionViewsPerSec: Math.round(await redactionViewsPerSecond(ms)),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version },
  options: { quick },
};
console.table({ 'redaction views/s (20 persons, 5 grant sets)': results.redactionViewsPerSec });
const dir = join(packageRoot(), 'bench');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
