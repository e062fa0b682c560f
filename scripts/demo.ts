/**
 * `make demo`: a fresh stack in a temporary folder, a scripted scenario through the real
 * CLI (publish, route, redact, read, receipt, audit replay with verification), what each
 * agency saw, then the stack stopped. Exits 0 only if every step held.
 *
 * `--keep DIR`: run in DIR (created if missing) and leave it, with the notices' JSON files
 * and the services' logs, for inspection (a test reads the logs).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../libs/stack/index.js';

const cli = join(packageRoot(), 'dist', 'cli', 'main.js');
const keepAt = process.argv.indexOf('--keep');
const kept = keepAt >= 0 ? process.argv[keepAt + 1] : undefined;
if (keepAt >= 0 && !kept) {
  console.error('usage: demo [--keep DIR]');
  process.exit(2);
}
if (kept) mkdirSync(kept, { recursive: true });
const dir = kept ?? mkdtempSync(join(tmpdir(), 'accord-demo-'));
const failures: string[] = [];

function accord(args: string[], expectExit = 0): string {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  const shown = `accord ${args.join(' ').replace(dir, 'DIR')}`;
  if (run.status !== expectExit) {
    failures.push(`${shown}: exit ${run.status}, expected ${expectExit}: ${run.stderr.trim()}`);
  }
  console.log(`$ ${shown}${run.status === expectExit ? '' : `   <-- exit ${run.status}`}`);
  return run.stdout;
}

function check(what: string, ok: boolean): void {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

const now = (): string => new Date().toISOString();

interface ViewJson {
  core: { noticeId: string; type: string; tlp: string; issuingAgency: string };
  grantedCategories?: string[];
  withheld?: { path: string; category: string }[];
}

function writeNotice(name: string, notice: Record<string, unknown>): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(notice, null, 2));
  return file;
}

const smuggler = {
  role: 'SMUGGLER_SUSPECT',
  fullName: 'Kamal Haddad',
  dateOfBirth: '1984-03-12',
  nationality: 'LY',
  phone: '+218 91 555 0101',
  minor: false,
  documents: [{ kind: 'passport', number: 'LY4455667', issuingCountry: 'LY' }],
};
const child = { role: 'SMUGGLED_MIGRANT', fullName: 'Amina Tesfaye', nationality: 'ER', unaccompanied: true };
const witness = { role: 'WITNESS', fullName: 'Yonas Berhane', nationality: 'ER', minor: false };

const notices = {
  boat: {
    noticeId: randomUUID(),
    issuingAgency: 'it-police',
    issuedAt: now(),
    caseRef: 'IT-PA-2026-0042',
    type: 'ALERT',
    tlp: 'AMBER',
    caveats: ['MINORS_INVOLVED'],
    mode: 'SEA',
    route: { origin: ['NE'], transit: ['LY'], destination: ['IT'] },
    addressees: ['ly-coastguard'],
    summary: 'Rubber boat left Zuwara at dawn with about 45 people.',
    persons: [smuggler, child, witness],
    conveyances: [{ kind: 'VESSEL', identifier: 'grey rubber boat, 12 m', flagCountry: 'LY' }],
    financial: [{ account: 'LY83002048000020100120361', institution: 'Sahara Bank', amount: '1500.00', currency: 'EUR' }],
    locations: [{ lat: 32.931, lon: 12.081, label: 'Zuwara beach', observedAt: now() }],
    migrantCount: 45,
  },
  witness: {
    noticeId: randomUUID(),
    issuingAgency: 'it-prosecutor',
    issuedAt: now(),
    caseRef: 'IT-PA-2026-0042',
    type: 'REQUEST_FOR_INFORMATION',
    tlp: 'RED',
    caveats: ['WITNESS_PROTECTION'],
    mode: 'LAND',
    route: { origin: ['NE'], transit: [], destination: ['IT'] },
    addressees: ['ne-police'],
    persons: [smuggler, witness],
  },
  statistics: {
    noticeId: randomUUID(),
    issuingAgency: 'ly-coastguard',
    issuedAt: now(),
    caseRef: 'LY-CG-2026-17',
    type: 'CASE_UPDATE',
    tlp: 'CLEAR',
    mode: 'SEA',
    route: { origin: ['LY'], destination: ['IT'] },
    migrantCount: 112,
    deathsReported: 3,
  },
  unknownAddressee: {
    noticeId: randomUUID(),
    issuingAgency: 'ne-police',
    issuedAt: now(),
    caseRef: 'NE-2026-3',
    type: 'ALERT',
    tlp: 'RED',
    mode: 'LAND',
    route: { origin: ['NE'] },
    addressees: ['xx-nobody'],
  },
};

/** Who must receive each notice (contract's TLP sets, built-in grants), and who must not. */
const expected: Record<string, string[]> = {
  'it-police': [notices.statistics.noticeId],
  'it-prosecutor': [notices.boat.noticeId, notices.statistics.noticeId],
  'it-protection': [notices.boat.noticeId, notices.statistics.noticeId],
  'ly-coastguard': [notices.boat.noticeId],
  'ne-police': [notices.boat.noticeId, notices.witness.noticeId, notices.statistics.noticeId],
  'mt-fiu': [notices.statistics.noticeId],
  'fr-liaison': [notices.statistics.noticeId],
  'eu-research': [notices.statistics.noticeId],
};

let up = false;
try {
  console.log(`Accord demo in ${dir}\n`);
  accord(['stack', 'up', '--dir', dir, '--demo-agencies']);
  up = failures.length === 0;

  console.log('\n1. Agencies publish signed notices');
  for (const [name, notice] of Object.entries(notices)) {
    const quarantined = name === 'unknownAddressee';
    const out = accord(['publish', '--as', notice.issuingAgency, writeNotice(name, notice), '--dir', dir, '--wait'], quarantined ? 4 : 0);
    console.log(`  ${out.trim().replace(/\n/g, ' ')}`);
  }

  console.log('\n2. Each agency reads its inbox (verifying the bus signature) and sends read receipts');
  const seen: Record<
    string,
    { noticeId: string; type: string; tlp: string; from: string; granted: string[]; withheld: string[]; raw: string }[]
  > = {};
  for (const agency of Object.keys(expected)) {
    const out = accord(['inbox', '--as', agency, '--dir', dir, '--json', '--officer', `duty officer of ${agency}`]);
    const views = (JSON.parse(out || '{"views":[]}') as { views: ViewJson[] }).views;
    seen[agency] = views.map((v) => ({
      noticeId: v.core.noticeId,
      type: v.core.type,
      tlp: v.core.tlp,
      from: v.core.issuingAgency,
      granted: v.grantedCategories ?? [],
      withheld: [...new Set((v.withheld ?? []).map((w) => w.category))].sort(),
      raw: JSON.stringify(v),
    }));
  }

  console.log('\n3. What each agency saw');
  for (const [agency, views] of Object.entries(seen)) {
    console.log(`  ${agency}: ${views.length} notice(s)`);
    for (const v of views)
      console.log(`    ${v.type} TLP:${v.tlp} from ${v.from} ${v.noticeId.slice(0, 8)}  withheld: ${v.withheld.join(', ') || 'nothing'}`);
  }

  console.log('\n4. Checks');
  for (const [agency, ids] of Object.entries(expected)) {
    const got = (seen[agency] ?? []).map((v) => v.noticeId).sort();
    check(`${agency} received exactly ${ids.length} notice(s) due to it`, JSON.stringify(got) === JSON.stringify([...ids].sort()));
  }
  check(
    'no agency received its own notice',
    Object.entries(seen).every(([agency, views]) => views.every((v) => v.from !== agency)),
  );
  check(
    'the quarantined notice reached no inbox',
    Object.values(seen).every((views) => views.every((v) => v.noticeId !== notices.unknownAddressee.noticeId)),
  );
  const protection = seen['it-protection']?.find((v) => v.noticeId === notices.boat.noticeId);
  check(
    "the protection body sees the child's identity but not the smuggler's name",
    Boolean(protection?.raw.includes('Amina Tesfaye') && !protection.raw.includes('Haddad')),
  );
  const coastguard = seen['ly-coastguard']?.find((v) => v.noticeId === notices.boat.noticeId);
  check(
    "the coastguard sees the smuggler's name but not the migrant's or the witness's",
    Boolean(coastguard?.raw.includes('Kamal Haddad') && !coastguard.raw.includes('Tesfaye') && !coastguard.raw.includes('Berhane')),
  );
  const nePolice = seen['ne-police']?.find((v) => v.noticeId === notices.witness.noticeId);
  check(
    'under WITNESS_PROTECTION the police see no trace of the witness',
    Boolean(nePolice && !nePolice.raw.includes('WITNESS"') && !nePolice.raw.includes('witness.identity')),
  );
  check(
    'research is granted core only',
    (seen['eu-research'] ?? []).every((v) => JSON.stringify(v.granted) === '["core"]'),
  );

  console.log('\n5. Quarantine and audit');
  console.log(accord(['quarantine', 'list', '--dir', dir]).trimEnd().replace(/^/gm, '  '));
  accord(['audit', 'replay', '--dir', dir, '--kind', 'RECEIPT']);
  accord(['audit', 'replay', '--dir', dir, '--verify']);
} finally {
  if (up) accord(['stack', 'down', '--dir', dir]);
  if (failures.length === 0 && !kept) rmSync(dir, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\ndemo FAILED (${failures.length}):\n${failures.map((f) => `  - ${f}`).join('\n')}\n(stack folder kept: ${dir})`);
  process.exitCode = 1;
} else {
  console.log('\ndemo passed: every step held');
}
