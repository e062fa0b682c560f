import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isApiRoute, openApiPath } from '../../libs/node/index.js';
import { registeredRoutes } from '../../services/node/node-app.js';
import { appWithoutBus, type AppFixture } from './node-app-fixture.js';

let fixture: AppFixture;
let doc: { openapi: string; paths: Record<string, Record<string, { security?: unknown[]; 'x-accord-access'?: string }>> };

beforeAll(async () => {
  fixture = await appWithoutBus();
  const answer = await fixture.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(answer.statusCode).toBe(200);
  doc = answer.json();
});

afterAll(async () => {
  await fixture.close();
});

const routes = () => registeredRoutes(fixture.app).filter((r) => r.method !== 'HEAD' && isApiRoute(r));

describe('the OpenAPI document', () => {
  test('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  test('describes every route the server registered', () => {
    expect(routes().length).toBeGreaterThan(15);
    for (const route of routes())
      expect(doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
  });

  test('describes no route the server lacks', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = routes().map((r) => `${r.method} ${openApiPath(r.url)}`);
    expect(documented.sort()).toEqual(served.sort());
  });

  test('every documented route is one the server answers (not "no such route")', async () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        if (path === '/api/v1/events') continue;
        const url = path
          .replace('{noticeId}', '00000000-0000-4000-8000-000000000000')
          .replace('{name}', 'someone')
          .replace('{requestId}', '00000000-0000-4000-8000-000000000000');
        const answer = await fixture.app.inject({ method: method.toUpperCase() as 'GET', url });
        const noRoute = answer.statusCode === 404 && answer.body.includes('"field":"path"');
        expect(noRoute, `${method} ${path}`).toBe(false);
      }
    }
  });

  test('names who may call each route: a public route no security, the others a token or a session', () => {
    for (const route of routes()) {
      const op = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(op?.['x-accord-access'], route.url).toBe(route.access);
      expect((op?.security ?? []).length === 0, route.url).toBe(route.access === 'public');
    }
  });
});
