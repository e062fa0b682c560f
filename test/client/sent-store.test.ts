import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { SentStore } from '../../libs/client/index.js';

const NOTICE = '5f1c2a9e-8d3b-4c7a-9e21-3b6f0d4a7c11';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A store in a folder not made yet, as an agency's sent/ is before its first notice. */
function store(): SentStore {
  const dir = mkdtempSync(join(tmpdir(), 'accord-sent-store-'));
  dirs.push(dir);
  return new SentStore(join(dir, 'agencies', 'it-police', 'sent'));
}

describe("the agency's kept copies of the notices it signed", () => {
  test('keeps the exact bytes under the noticeId, and gives them back', () => {
    const sent = store();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    sent.keep(NOTICE, bytes);
    expect(sent.get(NOTICE)).toEqual(bytes);
    expect(sent.path(NOTICE)).toBe(join(sent.dir, `${NOTICE}.signed`));
  });

  test('the folder is 0700 and each copy 0600: a notice is for the agency alone', () => {
    const sent = store();
    sent.keep(NOTICE, new Uint8Array([1]));
    expect(statSync(sent.dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(sent.dir, `${NOTICE}.signed`)).mode & 0o777).toBe(0o600);
  });

  test('a notice kept again replaces the copy, leaving no temporary file', () => {
    const sent = store();
    sent.keep(NOTICE, new Uint8Array([1]));
    sent.keep(NOTICE, new Uint8Array([2, 3]));
    expect(sent.get(NOTICE)).toEqual(new Uint8Array([2, 3]));
    expect(readdirSync(sent.dir)).toEqual([`${NOTICE}.signed`]);
  });

  test('a noticeId is found whatever its case', () => {
    const sent = store();
    sent.keep(NOTICE.toUpperCase(), new Uint8Array([7]));
    expect(sent.get(NOTICE)).toEqual(new Uint8Array([7]));
  });

  test('a notice never signed here has no copy', () => {
    expect(store().get(NOTICE)).toBeUndefined();
  });

  test('what is not a noticeId names no file: nothing is read, and keeping it is refused', () => {
    const sent = store();
    expect(sent.get('../../stack.json')).toBeUndefined();
    expect(sent.path('../../stack.json')).toBeUndefined();
    expect(() => sent.keep('../x', new Uint8Array([1]))).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });
});
