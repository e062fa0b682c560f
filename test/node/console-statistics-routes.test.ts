/** The Statistics page over HTTP, on a fake bus: who may open it, the period asked for, and the bus away or a release that does not verify. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { ReleaseQuery } from '../../libs/client/index.js';
import { AccordError } from '../../libs/errors/index.js';
import type { Release } from '../../libs/statistics/index.js';
import type { NodeBus } from '../../services/node/node-bus.js';
import { novemberRelease, octoberRelease } from '../harness/statistics-releases.js';
import { appWithoutBus, type AppFixture } from './node-app-fixture.js';

/** What the fake bus answers next: the releases, or an error it throws. */
let answer: Release[] | Error = [];
const asked: ReleaseQuery[] = [];

/** A bus that answers only for statistics: anything else reaching it fails the test. */
const bus = new Proxy({} as NodeBus, {
  get(_target, property) {
    if (property === 'statistics')
      return (query: ReleaseQuery) => {
        asked.push(query);
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      };
    if (property === 'close') return () => Promise.resolve();
    if (property === 'then') return undefined;
    throw new Error(`the Statistics page reached the bus for ${String(property)}`);
  },
});

let fixture: AppFixture;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

/** The node's app over a database of its own, with the fake bus, and a signed-in account of each role. */
beforeAll(async () => {
  fixture = await appWithoutBus({ bus });
  app = fixture.app;
  for (const [name, role] of [
    ['ines.costa', 'officer'],
    ['jordi.puig', 'supervisor'],
    ['root.admin', 'admin'],
  ] as const) {
    await fixture.deps.officers.add(name, role);
    await fixture.deps.officers.setPassword(name, 'a password long enough');
    cookies[role] = `accord_session=${fixture.deps.sessions.create(name).cookie}`;
  }
});

afterAll(async () => {
  await fixture.close();
});

beforeEach(() => {
  answer = [octoberRelease(), novemberRelease()];
  asked.length = 0;
});

async function open(url: string, role?: 'officer' | 'supervisor' | 'admin') {
  const headers: Record<string, string> = { accept: 'text/html' };
  if (role) headers.cookie = cookies[role] ?? '';
  return app.inject({ method: 'GET', url, headers });
}

describe('GET /statistics', () => {
  test('shows an officer the latest period, read from the bus (latest versions), under the console’s CSP', async () => {
    const page = await open('/statistics', 'officer');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(page.headers['content-security-policy'])).toContain("style-src 'self'");
    expect(page.body).toContain('<h2 id="r0-heading">Period <bdi>2026-11</bdi></h2>');
    expect(asked).toEqual([{ allVersions: false }]);
  });

  test('a supervisor may open it too; an administrator may not; without a session, to sign-in', async () => {
    expect((await open('/statistics', 'supervisor')).statusCode).toBe(200);
    expect((await open('/statistics', 'admin')).statusCode).toBe(403);
    const none = await open('/statistics');
    expect(none.statusCode).toBe(303);
    expect(none.headers.location).toBe('/sign-in');
    expect(asked).toHaveLength(1);
  });

  test('?period= shows the period asked for; one without a release is 404, with the picker', async () => {
    const october = await open('/statistics?period=2026-10', 'officer');
    expect(october.statusCode).toBe(200);
    expect(october.body).toContain('<h2 id="r0-heading">Period <bdi>2026-10</bdi></h2>');
    const missing = await open('/statistics?period=2025-01', 'officer');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('There is no release for the period <bdi>2025-01</bdi>.');
    expect(missing.body).toContain('<select id="statistics-period" name="period">');
    expect((await open('/statistics?period=', 'officer')).body).toContain('Period <bdi>2026-11</bdi>');
  });

  test('a period that is not a month or a period’s start is 400, and the bus is not asked', async () => {
    for (const url of ['/statistics?period=November', '/statistics?period=2026-13', '/statistics?period=2026-10&period=2026-11']) {
      const page = await open(url, 'officer');
      expect(page.statusCode, url).toBe(400);
      expect(page.body).toContain('A period is a month (YYYY-MM) or the start of a period');
    }
    expect(asked).toEqual([]);
  });

  test('before any release: 200, and why there is none yet', async () => {
    answer = [];
    const page = await open('/statistics', 'officer');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No statistical release has reached this agency yet.');
  });

  test('the bus away is 503, on the console’s error page', async () => {
    for (const code of ['E_UNAVAILABLE', 'E_TIMEOUT'] as const) {
      answer = new AccordError(code, 'reading the statistical releases: the bus did not answer', { retryable: true });
      const page = await open('/statistics', 'officer');
      expect(page.statusCode, code).toBe(503);
      expect(page.body).toContain('The node cannot reach the bus just now.');
      expect(page.body).toContain('<body class="page-error">');
    }
  });

  test('a release that does not verify is 502, said so, and nothing of the releases is shown', async () => {
    answer = new AccordError('E_STATISTICS_INVALID', 'release 2026-11 version 2: the signature does not verify');
    const page = await open('/statistics', 'officer');
    expect(page.statusCode).toBe(502);
    expect(page.body).toContain('does not verify against the bus’s key, so this node shows none of the releases');
    expect(page.body).not.toContain('class="stat-bar-chart"');
  });

  test('any other failure is the node’s own (500)', async () => {
    answer = new Error('something else');
    expect((await open('/statistics', 'officer')).statusCode).toBe(500);
  });
});
