import { createServer, type Server } from 'node:net';
import { afterAll, expect, test } from 'vitest';
import { freeListen } from '../../libs/demo/index.js';

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

function occupy(host: string): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    servers.push(server);
    server.listen(0, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

test('the preferred port when nothing listens there', async () => {
  const port = await occupy('127.0.0.1');
  const server = servers.pop();
  await new Promise((resolve) => server?.close(resolve));
  expect(await freeListen('127.0.0.1', port)).toEqual({ host: '127.0.0.1', port });
});

test('another free port on the same address when the preferred one is taken', async () => {
  const taken = await occupy('127.0.0.5');
  const listen = await freeListen('127.0.0.5', taken);
  expect(listen.host).toBe('127.0.0.5');
  expect(listen.port).not.toBe(taken);
  expect(listen.port).toBeGreaterThan(0);
});

test('127.0.0.1 when the address is none of this machine', async () => {
  const listen = await freeListen('192.0.2.1', 0);
  expect(listen.host).toBe('127.0.0.1');
});
