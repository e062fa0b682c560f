import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packageRoot } from '../../libs/stack/index.js';

interface NoticeJson {
  noticeId: string;
  summary?: string;
  persons?: { fullName?: string; phone?: string; dateOfBirth?: string; documents?: { number: string }[] }[];
  financial?: { account?: string; institution?: string; counterparty?: string }[];
  conveyances?: { identifier?: string }[];
  locations?: { label?: string }[];
}

interface LogLine {
  service: string;
  message: string;
  noticeId?: string;
  traceId?: string;
}

const dir = mkdtempSync(join(tmpdir(), 'accord-demo-logs-'));
let notices: NoticeJson[] = [];
let lines: LogLine[] = [];
let raw = '';
let run: SpawnSyncReturns<string>;

beforeAll(() => {
  run = spawnSync(process.execPath, [join(packageRoot(), 'dist', 'scripts', 'demo.js'), '--keep', dir], {
    encoding: 'utf8',
    timeout: 150_000,
  });
  if (run.status !== 0) return;
  notices = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'stack.json')
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as NoticeJson)
    .filter((n) => typeof n.noticeId === 'string');
  const logs = join(dir, 'logs');
  raw = readdirSync(logs)
    .filter((f) => ['ingest', 'routing', 'redaction', 'audit'].some((s) => f.startsWith(s)))
    .map((f) => readFileSync(join(logs, f), 'utf8'))
    .join('\n');
  lines = raw
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every personal or free-text value of a notice, as an adapter sent it. */
function personalValues(n: NoticeJson): string[] {
  return [
    n.summary,
    ...(n.persons ?? []).flatMap((p) => [p.fullName, p.phone, p.dateOfBirth, ...(p.documents ?? []).map((d) => d.number)]),
    ...(n.financial ?? []).flatMap((f) => [f.account, f.institution, f.counterparty]),
    ...(n.conveyances ?? []).map((c) => c.identifier),
    ...(n.locations ?? []).map((l) => l.label),
  ].filter((v): v is string => typeof v === 'string' && v.length > 0);
}

test('the demo scenario holds end to end: real stack, real CLI, every check passing', () => {
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('demo passed: every step held');
  expect(run.status).toBe(0);
});

describe('service logs of the demo scenario', () => {
  test('the demo sent notices and the services wrote JSON lines', () => {
    expect(notices.length).toBeGreaterThanOrEqual(4);
    expect(lines.length).toBeGreaterThan(20);
  });

  test('ingest and audit each log a line, with its trace id, for every notice', () => {
    expect(notices.length).toBeGreaterThanOrEqual(4);
    for (const service of ['ingest', 'audit']) {
      for (const n of notices) {
        const line = lines.find((l) => l.service === service && l.noticeId === n.noticeId);
        expect(line, `${service} on ${n.noticeId}`).toBeDefined();
        expect(line?.traceId, `${service} on ${n.noticeId}`).toMatch(/^[0-9a-f]{32}$/);
      }
    }
  });

  test('routing and redaction log a line for every notice that reached them, under the trace ingest logged', () => {
    const accepted = lines.filter((l) => l.service === 'ingest' && l.message === 'accepted');
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    for (const a of accepted) {
      for (const service of ['routing', 'redaction']) {
        expect(
          lines.find((l) => l.service === service && l.noticeId === a.noticeId && l.traceId === a.traceId),
          `${service} on ${a.noticeId}`,
        ).toBeDefined();
      }
    }
  });

  test('no log line holds any personal or free-text value of any notice', () => {
    const values = notices.flatMap(personalValues);
    expect(values).toContain('Kamal Haddad');
    const folded = raw.toLowerCase();
    const found = values.filter((v) => folded.includes(v.toLowerCase()) || folded.includes(v.replace(/[\s-]/g, '').toLowerCase()));
    expect(found).toEqual([]);
  });
});
