/**
 * Handling codes through a live stack: an agency publishes notice JSON with handling
 * codes (`accord publish --wait`), the recipient finds them in its verified view
 * (`accord inbox`), the audit stream records them (`accord audit replay`), and the
 * issuer sees them in `accord track`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messageToJson, v1 } from '../../libs/proto/index.js';
import { waitForAuditRecord } from '../harness/bus-readers.js';
import { runCli as accord } from '../harness/run-cli.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { registerAgency } from '../harness/test-agencies.js';
import { startTestBus, type TestBus } from '../harness/test-bus.js';
import { startTestServices, type TestServices } from '../harness/test-services.js';

const HANDLING = ['NO_ONWARD_SHARING', 'NOT_FOR_COURT_WITHOUT_CONSENT'];
const files = mkdtempSync(join(tmpdir(), 'accord-handling-'));
let bus: TestBus;
let services: TestServices;
let noticeId = '';

beforeAll(async () => {
  bus = await startTestBus();
  await registerAgency(bus, { id: 'it-police', country: 'IT', role: 'police', groups: ['med'] });
  await registerAgency(bus, { id: 'ly-coastguard', country: 'LY', role: 'coastguard', groups: ['med'] });
  services = await startTestServices(bus);
  const notice = sampleNotice('it-police', { addressees: ['ly-coastguard'] });
  noticeId = notice.noticeId ?? '';
  const file = join(files, 'notice.json');
  writeFileSync(file, JSON.stringify({ ...messageToJson('accord.v1.CaseNotice', notice), handling: HANDLING }));
  const published = await accord('publish', '--as', 'it-police', file, '--dir', bus.dir, '--wait');
  expect(published.status, published.stderr).toBe(0);
  // Track reads the audit chain: once the delivery is chained, it has all there is.
  await waitForAuditRecord(bus, (r) => r.event?.kind === v1.AuditKind.DELIVERED && r.event.noticeId === noticeId, 15_000);
}, 60_000);

afterAll(async () => {
  await services?.stop();
  await bus?.dispose();
  rmSync(files, { recursive: true, force: true });
});

describe('handling codes set by the originator, through a live stack', () => {
  test("the recipient's verified view carries them in its core, each with its meaning", async () => {
    const run = await accord('inbox', '--as', 'ly-coastguard', '--dir', bus.dir, '--json');
    expect(run.status, run.stderr).toBe(0);
    const { views } = JSON.parse(run.stdout) as {
      views: { core: { noticeId: string; handling?: string[] }; handling?: { code: string; meaning: string }[] }[];
    };
    const view = views.find((v) => v.core.noticeId === noticeId);
    expect(view?.core.handling).toEqual(HANDLING);
    expect(view?.handling?.map((h) => h.code)).toEqual(HANDLING);
    expect(view?.handling?.every((h) => h.meaning.length > 0)).toBe(true);
  });

  test("an officer's terminal shows each with its meaning", async () => {
    const run = await accord('inbox', '--as', 'ly-coastguard', '--dir', bus.dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      '  handling: NOT_FOR_COURT_WITHOUT_CONSENT (Not to be used as evidence in court without the originator’s consent.)\n',
    );
  });

  test('the ACCEPTED audit record holds them', async () => {
    const run = await accord('audit', 'replay', '--dir', bus.dir, '--notice', noticeId, '--kind', 'ACCEPTED', '--json');
    expect(run.status, run.stderr).toBe(0);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; handling?: string[] });
    expect(records).toEqual([expect.objectContaining({ kind: 'ACCEPTED', handling: HANDLING })]);
  });

  test('the issuer sees them in track, as JSON and as text with their meanings', async () => {
    const json = await accord('track', noticeId, '--as', 'it-police', '--dir', bus.dir, '--json');
    expect(json.status, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { handling?: string[] }).handling).toEqual(HANDLING);
    const text = await accord('track', noticeId, '--as', 'it-police', '--dir', bus.dir);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      '  handling: NO_ONWARD_SHARING (Do not pass this notice, or anything taken from it, on to any other party.)\n',
    );
    expect(text.stdout).toContain('  handling: NOT_FOR_COURT_WITHOUT_CONSENT (');
  });
});
