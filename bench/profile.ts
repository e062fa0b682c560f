/**
 * `npm run bench:profile [-- NOTICES]`: the end-to-end run of `npm run bench` with every
 * service under the V8 profiler; prints each process's CPU per notice and, per service,
 * where its busy time goes. The .cpuprofile files stay in the folder it names, for
 * Chrome DevTools.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseCpuProfile } from './cpu-profile-summary.js';
import { BenchStack } from './pipeline-bench.js';

const notices = Number(process.argv[2] ?? 3000);
if (!Number.isInteger(notices) || notices < 1) {
  process.stderr.write('usage: npm run bench:profile [-- NOTICES]   (default 3000)\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'accord-profile-'));
const stack = await BenchStack.start({ instances: 1, serviceEnv: { ACCORD_CPU_PROFILE_DIR: dir } });
let figures;
try {
  figures = await stack.throughput(await stack.notices(notices));
} finally {
  await stack.stop();
}
console.log(`${notices} notices: ${Math.round(figures.noticesPerSec)} notices/s; CPU ms per notice by process:`);
console.table(figures.cpuMsPerNotice);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const { busyMs, areas } = summariseCpuProfile(join(dir, file));
  console.log(`\n${file}: ${busyMs} ms busy; share of busy time by area (%):`);
  console.table(Object.fromEntries(areas.slice(0, 14)));
}
console.log(`profiles: ${dir}`);
