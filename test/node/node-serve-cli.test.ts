import { describe, expect, test } from 'vitest';
import { assertTransportAllowed, isLoopback, parseListen } from '../../libs/node/index.js';
import { runCliSync as accord } from '../harness/run-cli.js';

describe('where the node may listen', () => {
  test.each(['127.0.0.1', '127.8.9.10', '::1', 'localhost'])('%s is loopback', (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  test.each(['0.0.0.0', '10.1.2.3', '::', '192.168.0.1', 'node.police.example', '128.0.0.1'])('%s is not loopback', (host) => {
    expect(isLoopback(host)).toBe(false);
  });

  test('plain HTTP off loopback is refused, naming both ways out', () => {
    expect(() => assertTransportAllowed(parseListen('0.0.0.0:8470'), false)).toThrow(
      /--tls-cert FILE --tls-key FILE.*--listen 127\.0\.0\.1:8470/,
    );
    expect(() => assertTransportAllowed(parseListen('0.0.0.0:8470'), true)).not.toThrow();
  });

  test('an IPv6 address is written in brackets', () => {
    expect(parseListen('[::1]:8470')).toEqual({ host: '::1', port: 8470 });
  });

  test('`accord node serve` on a public address without TLS exits 1 before touching the node folder', () => {
    const run = accord('node', 'serve', '--dir', '/nonexistent/node', '--listen', '0.0.0.0:0');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/refusing plain HTTP on 0\.0\.0\.0/);
  });

  test('`accord node serve` with --tls-cert but no --tls-key is a usage error', () => {
    const run = accord('node', 'serve', '--dir', '/nonexistent/node', '--tls-cert', '/tmp/x.pem');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--tls-cert and --tls-key go together');
  });

  test('`accord node serve --listen` that is no HOST:PORT is a usage error', () => {
    const run = accord('node', 'serve', '--dir', '/nonexistent/node', '--listen', 'everywhere');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('expected HOST:PORT');
  });
});
