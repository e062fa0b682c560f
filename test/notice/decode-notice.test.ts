import { describe, expect, test } from 'vitest';
import { decodeNotice, encodeNotice } from '../../libs/notice/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

describe('notice bytes are decoded only in their canonical form', () => {
  test('canonical bytes decode to the notice', () => {
    const notice = sampleNotice('it-police');
    expect(decodeNotice(encodeNotice(notice)).noticeId).toBe(notice.noticeId);
  });

  test('an unknown field appended to valid bytes is refused as E_DECODE', () => {
    const bytes = Buffer.concat([encodeNotice(sampleNotice('it-police')), Buffer.from([0xf8, 0x06, 0x01])]);
    expect(() => decodeNotice(bytes)).toThrowError(expect.objectContaining({ code: 'E_DECODE' }));
  });

  test('bytes cut inside a field are refused as E_DECODE', () => {
    const bytes = Buffer.from(encodeNotice(sampleNotice('it-police')));
    const insideSummary = bytes.indexOf('Zuwara') + 2;
    expect(() => decodeNotice(bytes.subarray(0, insideSummary))).toThrowError(expect.objectContaining({ code: 'E_DECODE' }));
  });

  test('an overlong UTF-8 sequence in a string is refused as E_DECODE', () => {
    const notice = sampleNotice('it-police', { caseRef: 'AB' });
    const bytes = Buffer.from(encodeNotice(notice));
    const at = bytes.indexOf(Buffer.from('AB'));
    bytes[at - 1] = 2;
    bytes[at] = 0xc1;
    bytes[at + 1] = 0x81;
    expect(() => decodeNotice(bytes)).toThrowError(expect.objectContaining({ code: 'E_DECODE' }));
  });
});
