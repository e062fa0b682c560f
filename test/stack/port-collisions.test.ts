import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { streams } from '../../libs/bus/index.js';
import { connectAs, readStackFile } from '../../libs/client/index.js';
import { freePort, prepareStack, type PreparedStack } from '../../libs/stack/index.js';
import { jetstreamManager } from '@nats-io/jetstream';

const cleanUps: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/** A port someone else holds: what a port picked earlier may have become by the time it is bound. */
async function occupiedPort(port = 0): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanUps.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return address.port;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-ports-'));
  cleanUps.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function stopsWithTest(prepared: PreparedStack): PreparedStack {
  cleanUps.push(async () => {
    await prepared.redis.stop();
    for (const node of prepared.natsNodes) await node.stop();
  });
  return prepared;
}

/** A stack started once and stopped, as after `stack down`: its folder and the client port it had. */
async function stoppedStack(): Promise<{ dir: string; port: number }> {
  const dir = tempDir();
  const first = await prepareStack(dir, { detached: false });
  await first.redis.stop();
  await first.nats.stop();
  return { dir, port: first.nats.port };
}

test('a cluster node whose route port was taken before it bound it routes on another, and the cluster forms', async () => {
  const taken = await occupiedPort();
  const picks = [await freePort(), taken];
  const progress: string[] = [];
  const dir = tempDir();
  const prepared = stopsWithTest(
    await prepareStack(dir, {
      clusterNodes: 3,
      detached: false,
      pickPort: async () => picks.shift() ?? (await freePort()),
      progress: (line) => progress.push(line),
    }),
  );
  const routePorts = prepared.state.cluster?.routePorts ?? [];
  expect(routePorts).toHaveLength(3);
  expect(routePorts).not.toContain(taken);
  expect(progress.some((line) => line.includes(`port ${taken} is in use`))).toBe(true);
  expect(readFileSync(prepared.layout.log('nats-server-2'), 'utf8')).toContain('address already in use');
  const nc = await connectAs(readStackFile(dir), { kind: 'operator' });
  cleanUps.push(() => nc.close());
  const info = await (await jetstreamManager(nc)).streams.info(streams.ingest);
  expect(info.config.num_replicas).toBe(3);
  expect(info.cluster?.replicas ?? []).toHaveLength(2);
}, 120_000);

test('a stack started again whose client port was taken meanwhile binds another, and stack.json names it', async () => {
  const { dir, port } = await stoppedStack();
  await occupiedPort(port);

  const again = stopsWithTest(await prepareStack(dir, { detached: false }));
  expect(again.nats.port).not.toBe(port);
  expect(readStackFile(dir).natsUrl).toBe(`tls://127.0.0.1:${again.nats.port}`);
  const nc = await connectAs(readStackFile(dir), { kind: 'operator' });
  await nc.close();
}, 120_000);

test('a stack started again keeps the client port it had when that port is free', async () => {
  const { dir, port } = await stoppedStack();
  const again = stopsWithTest(await prepareStack(dir, { detached: false }));
  expect(again.nats.port).toBe(port);
}, 120_000);
