import { expect, test } from 'vitest';
import { stopOrder } from '../../libs/stack/index.js';

test('stack down stops every service instance (ingest first) before Redis, and the nats-servers last', () => {
  const running = [
    'nats-server',
    'nats-server-2',
    'redis',
    'audit-2',
    'audit',
    'ingest-2',
    'routing',
    'ingest',
    'redaction',
    'nats-server-3',
  ];
  expect(stopOrder(running)).toEqual([
    'ingest-2',
    'ingest',
    'routing',
    'redaction',
    'audit-2',
    'audit',
    'redis',
    'nats-server',
    'nats-server-2',
    'nats-server-3',
  ]);
});
