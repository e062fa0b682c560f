/**
 * The auditor console in a real Chromium on a real stack: an auditor sees the chain's
 * height, verifies the whole chain to the end, finds a notice's records with the filter,
 * follows its trail, downloads its inclusion proofs and checks each against the signed
 * checkpoint, and downloads the bundle, which `accord audit verify-bundle` accepts.
 * axe-core finds no serious or critical violation in any page; no page breaks its CSP.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkpointSignatureValid, openSignedCheckpoint, type SealedProofLine } from '../../libs/audit/index.js';
import { verifyInclusion } from '../../libs/merkle/index.js';
import { messageToJson } from '../../libs/proto/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { packageRoot, stackUp } from '../../libs/stack/index.js';
import { startAuditConsoleProcess, type AuditConsoleProcess } from '../harness/audit-console-process.js';
import { cliOk as ok, runCli, runCliSync } from '../harness/run-cli.js';
import { sampleNotice } from '../harness/sample-notice.js';
import {
  axeViolations,
  BROWSER_TEST_TIMEOUT_MS,
  formatAxe,
  launchBrowser,
  openPage,
  screenshot,
  SCREENSHOT_DIR,
  type TestBrowser,
  type WatchedPage,
} from './browser.js';

const dir = mkdtempSync(join(tmpdir(), 'accord-audit-console-'));
const ISSUER = 'it-police';
const RECIPIENT = 'ly-coastguard';
/** The records naming the notice; its trail starts with its submission's RECEIVED record too. */
const NAMING = ['ACCEPTED', 'ROUTED', 'VIEW', 'DELIVERED', 'RECEIPT'];
const TRAIL = ['RECEIVED', ...NAMING];
const shots = join(packageRoot(), SCREENSHOT_DIR, 'audit-console');

let browser: TestBrowser;
let context: BrowserContext;
let auditor: AuditConsoleProcess;
let watched: WatchedPage;
let page: Page;
let noticeId = '';

/** The notice's audit proofs as `accord audit proof` prints them, once a checkpoint seals every one, RECEIPT included. */
async function sealedProofs(timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const run = await runCli('audit', 'proof', noticeId, '--dir', dir);
    last = run.stdout + run.stderr;
    const lines = run.stdout.trim().split('\n').filter(Boolean);
    if (run.status === 0 && lines.some((l) => l.includes('"RECEIPT"')) && !lines.some((l) => l.includes('"unsealed"'))) return run.stdout;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no checkpoint sealed every record of ${noticeId} within ${timeoutMs} ms:\n${last}`);
}

async function expectClean(what: string): Promise<void> {
  const violations = await axeViolations(page, { impact: ['serious', 'critical'] });
  expect(violations, `${what}:\n${formatAxe(violations)}`).toEqual([]);
  expect(watched.cspViolations, what).toEqual([]);
  expect(watched.foreignRequests, what).toEqual([]);
  expect(watched.pageErrors, what).toEqual([]);
}

/** A download the click starts, saved under the stack's folder. */
async function download(click: () => Promise<void>, name: string): Promise<string> {
  const [started] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const file = join(dir, name);
  await started.saveAs(file);
  return file;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  // The stack of `accord stack up`, with checkpoints every second (the CLI has no option for
  // it; 60 s by default), so the notice's records are sealed in seconds.
  await stackUp(dir, { serviceEnv: { ACCORD_CHECKPOINT_MS: '1000' } });
  for (const [id, country, role] of [
    [ISSUER, 'IT', 'police'],
    [RECIPIENT, 'LY', 'coastguard'],
  ] as const) {
    ok('agency', 'add', id, '--country', country, '--role', role, '--groups', 'med', '--dir', dir);
  }
  const file = join(dir, 'notice.json');
  writeFileSync(file, JSON.stringify(messageToJson('accord.v1.CaseNotice', sampleNotice(ISSUER, { addressees: [RECIPIENT] }))));
  noticeId = ok('publish', '--as', ISSUER, file, '--dir', dir, '--wait').trim().split('\n')[0] ?? '';
  // A submission refused, for the chart of quarantines: an addressee no one registered.
  const refused = join(dir, 'refused.json');
  writeFileSync(refused, JSON.stringify(messageToJson('accord.v1.CaseNotice', sampleNotice(ISSUER, { addressees: ['zz-nobody'] }))));
  expect(runCliSync('publish', '--as', ISSUER, refused, '--dir', dir, '--wait').status).toBe(4);
  ok('inbox', '--as', RECIPIENT, '--dir', dir);
  ok('receipt', '--as', RECIPIENT, noticeId, '--officer', 'Lt. Omar', '--dir', dir);
  await sealedProofs(60_000);
  auditor = await startAuditConsoleProcess(dir);
  browser = await launchBrowser();
  context = await browser.newContext({ acceptDownloads: true });
  watched = await openPage(context, { allowedOrigins: [auditor.url] });
  page = watched.page;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  const code = await auditor?.stop();
  runCliSync('stack', 'down', '--dir', dir);
  rmSync(dir, { recursive: true, force: true });
  expect(code, 'accord audit console stops cleanly on SIGTERM').toBe(0);
});

describe('the auditor console', () => {
  test(
    'the overview shows the chain height and the last signed checkpoint',
    async () => {
      await page.goto(auditor.url);
      const height = Number(await page.getByRole('definition').first().innerText());
      expect(height).toBeGreaterThan(0);
      const checkpoint = page.getByRole('region', { name: 'Last signed checkpoint' });
      await expect(checkpoint.getByText('made by the audit key', { exact: true }).count()).resolves.toBe(1);
      await expectClean('the overview');
      await screenshot(page, join(shots, 'overview-en.png'));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'verifying the whole chain runs to the end and finds it intact',
    async () => {
      await page.getByRole('link', { name: 'Verify', exact: true }).click();
      await page.getByRole('button', { name: 'Verify the whole chain' }).click();
      const verdict = page.getByRole('status').filter({ hasText: 'The chain is intact' });
      await verdict.waitFor({ timeout: 60_000 });
      expect(await verdict.innerText()).toMatch(/The chain is intact: \d+ records verified from index 0\./);
      expect(await page.getByRole('alert').count()).toBe(0);
      await expectClean('the verify page');
      await screenshot(page, join(shots, 'verify-en.png'));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    "the records filtered by the notice id are the notice's, ACCEPTED to RECEIPT",
    async () => {
      await page.getByRole('link', { name: 'Records', exact: true }).click();
      await page.getByLabel('Notice id').fill(noticeId);
      await page.getByRole('button', { name: 'Apply the filters' }).click();
      await page.waitForURL(/\/records\?/);
      const table = page.getByRole('table', { name: 'Audit records, in chain order' });
      const rows = table.getByRole('row');
      const kinds = (await rows.allInnerTexts()).slice(1).map((row) => NAMING.find((k) => row.includes(k)) ?? row);
      expect(kinds).toEqual(expect.arrayContaining(NAMING));
      for (const row of (await rows.allInnerTexts()).slice(1)) expect(row).toContain(noticeId);
      await expectClean('the records page');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    "the notice's trail shows its records from RECEIVED to RECEIPT, each with an inclusion proof that verifies",
    async () => {
      await page.getByRole('link', { name: noticeId }).first().click();
      await page.waitForURL(new RegExp(`/notices/${noticeId}$`));
      const rows = (
        await page.getByRole('table', { name: "The notice's audit records, in chain order" }).getByRole('row').allInnerTexts()
      ).slice(1);
      expect(TRAIL.filter((k) => !rows.some((r) => r.includes(k)))).toEqual([]);
      for (const row of rows) expect(row).toContain('verifies');
      await expectClean('the notice trail');
      await screenshot(page, join(shots, 'trail-en.png'));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'the downloaded proofs each check against the signed checkpoint with the audit key',
    async () => {
      const file = await download(() => page.getByRole('link', { name: 'Download the inclusion proofs' }).click(), 'proofs.jsonl');
      const stack = JSON.parse(readFileSync(join(dir, 'stack.json'), 'utf8')) as { auditPublicKey: string };
      const auditKey = await verificationKeyFromJwk(await parsePublicJwk(JSON.parse(readFileSync(stack.auditPublicKey, 'utf8')), 'audit'));
      const proofs = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as SealedProofLine);
      expect(proofs.map((p) => p.kind)).toEqual(expect.arrayContaining(TRAIL));
      const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
      for (const p of proofs) {
        const { signed, checkpoint } = openSignedCheckpoint(b64(p.signedCheckpoint));
        expect(await checkpointSignatureValid(signed, auditKey)).toBe(true);
        expect(Number(checkpoint.treeSize)).toBe(p.treeSize);
        expect(verifyInclusion(p.index, p.treeSize, b64(p.leafHash), p.proof.map(b64), checkpoint.rootHash), `record ${p.index}`).toBe(
          true,
        );
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'the downloaded bundle passes accord audit verify-bundle',
    async () => {
      await page.getByRole('link', { name: 'Overview', exact: true }).click();
      const file = await download(() => page.getByRole('link', { name: 'Download the audit bundle' }).click(), 'bundle.jsonl');
      const run = await runCli('audit', 'verify-bundle', file);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('audit chain intact');
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'the charts draw records per day by kind and quarantines by code, with their tables',
    async () => {
      await page.getByRole('link', { name: 'Charts', exact: true }).click();
      await expect(page.getByRole('img', { name: 'Records per day, by kind' }).count()).resolves.toBe(1);
      const figures = await page.getByRole('table', { name: 'Records per day and kind' }).innerText();
      for (const kind of [...TRAIL, 'QUARANTINED']) expect(figures).toContain(kind);
      await expect(page.getByRole('img', { name: 'Quarantines by reason code' }).count()).resolves.toBe(1);
      const quarantines = await page.getByRole('table', { name: 'Quarantined submissions per reason code' }).innerText();
      expect(quarantines).toMatch(/E_UNKNOWN_ADDRESSEE\s+1\s/);
      await expectClean('the charts page');
      await screenshot(page, join(shots, 'charts-en.png'));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'in Arabic the pages are laid out right to left',
    async () => {
      await page.getByLabel('Language').selectOption('ar');
      await page.getByRole('button', { name: 'Change language' }).click();
      await page.waitForSelector('html[dir="rtl"]');
      await expectClean('the charts page in Arabic');
      await screenshot(page, join(shots, 'charts-ar.png'));
      await page.goto(`${auditor.url}notices/${noticeId}`);
      await expectClean('the notice trail in Arabic');
      await screenshot(page, join(shots, 'trail-ar.png'));
      await page.goto(auditor.url);
      await expectClean('the overview in Arabic');
      await screenshot(page, join(shots, 'overview-ar.png'));
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
