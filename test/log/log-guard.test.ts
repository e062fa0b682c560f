import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createLogger, guardFields, isSafeText, WITHHELD } from '../../libs/log/index.js';

describe('the log guard', () => {
  test('ids, codes and counts of the right shape are logged as they are', () => {
    const fields = {
      noticeId: '6f1c2b7e-8a4d-4c1e-9b2a-0d5e3f7a9c11',
      agency: 'it-police',
      code: 'E_STALE',
      seq: 42,
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    };
    expect(guardFields(fields)).toEqual(fields);
  });

  test('a personal value put in an id field is withheld', () => {
    expect(guardFields({ noticeId: 'Kamal Haddad', agency: '+218 91 555 0101' })).toEqual({ noticeId: WITHHELD, agency: WITHHELD });
  });

  test('a field the guard does not know is dropped, whatever it holds', () => {
    expect(guardFields({ fullName: 'Kamal Haddad', summary: 'Rubber boat left Zuwara' })).toEqual({});
  });

  test.each([
    ['a phone number', 'cannot parse +218 91 555 0101'],
    ['a document number', 'passport LY4455667 rejected'],
    ['an IBAN', 'account LY83002048000020100120361 refused'],
    ['an e-mail address', 'no such user amina@example.org'],
    ['a quoted value', 'fullName "Amina Tesfaye" is too long'],
  ])('free text carrying %s is withheld', (_, text) => {
    expect(isSafeText(text)).toBe(false);
    expect(guardFields({ error: text })).toEqual({ error: WITHHELD });
  });

  test("the bus's own error texts pass, addresses and ids included", () => {
    expect(isSafeText('cannot reach NATS at tls://127.0.0.1:42113: connection refused')).toBe(true);
    expect(isSafeText('routing: E_PROCESSING_FAILED: timeout for 6f1c2b7e-8a4d-4c1e-9b2a-0d5e3f7a9c11')).toBe(true);
  });

  test('a logger writes one JSON line per call with the service, level, message and guarded fields', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const previous = process.env.ACCORD_LOG;
    delete process.env.ACCORD_LOG;
    try {
      createLogger('ingest', sink)
        .child({ noticeId: '6f1c2b7e-8a4d-4c1e-9b2a-0d5e3f7a9c11' })
        .info('accepted', { agency: 'it-police', error: 'Kamal Haddad +218915550101' });
    } finally {
      if (previous !== undefined) process.env.ACCORD_LOG = previous;
    }
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      service: 'ingest',
      message: 'accepted',
      noticeId: '6f1c2b7e-8a4d-4c1e-9b2a-0d5e3f7a9c11',
      agency: 'it-police',
      error: WITHHELD,
    });
  });
});
