import { describe, expect, test } from 'vitest';
import type { Category } from '../../libs/notice/index.js';
import { identifierCategoryFor, scrubText, type OwnedValue } from '../../libs/redaction/index.js';
import { ibanFor, imoFor } from '../harness/corpus.js';

/** A recipient granted the summary and `also`, reading a text that mentions `withheld` and `granted` values. */
function scrub(text: string, withheld: OwnedValue[], extra: { granted?: OwnedValue[]; also?: Category[] } = {}): string {
  const granted = new Set<Category>(['core', 'summary', ...(extra.also ?? [])]);
  return scrubText(text, { values: [...withheld, ...(extra.granted ?? [])], identifierCategory: identifierCategoryFor(granted, false) })
    .text;
}

const migrant = (value: string, kind: OwnedValue['kind'] = 'name'): OwnedValue => ({
  kind,
  value,
  tag: { category: 'migrant.identity', granted: false },
});

describe('free-text scrubbing', () => {
  test.each([
    ['as written', 'Seen: Amina Tesfaye at the port.'],
    ['in capitals', 'Seen: AMINA TESFAYE at the port.'],
    ['without diacritics', 'Seen: Zoe Angstrom at the port.'],
    ['reordered', 'Seen: Tesfaye, Amina at the port.'],
    ['the surname alone', 'Seen: Tesfaye at the port.'],
    ['initials and surname', 'Seen: A. Tesfaye at the port.'],
  ])('a withheld name %s is replaced', (_how, text) => {
    const out = scrub(text, [migrant('Amina Tesfaye'), migrant('Zoë Ångström')]);
    expect(out).toBe('Seen: [withheld:migrant.identity] at the port.');
  });

  test.each([
    ['an en dash', 'passport LY–4455–667'],
    ['a non-breaking hyphen', 'passport LY\u20114455667'],
    ['underscores', 'passport LY_4455_667'],
  ])('a document number written with %s is replaced', (_how, text) => {
    expect(scrub(text, [migrant('LY4455667', 'number')])).toBe('passport [withheld:migrant.identity]');
  });

  test.each([
    ['a soft hyphen', 'Seen: Tesfa\u00ADye.'],
    ['a zero-width space', 'Seen: Tesfa\u200Bye.'],
    ['spaced letters', 'Seen: T E S F A Y E.'],
  ])('a surname broken by %s is replaced', (_how, text) => {
    expect(scrub(text, [migrant('Amina Tesfaye')])).toBe('Seen: [withheld:migrant.identity].');
  });

  test('a two-letter surname alone is replaced', () => {
    expect(scrub('Mr Li paid the driver', [migrant('Wei Li')])).toBe('Mr [withheld:migrant.identity] paid the driver');
  });

  test.each(['12 March 1984', 'March 12, 1984', '12/03/84', '1984-3-12', '12th of Mar. 1984'])(
    'the date of birth written %s is replaced',
    (date) => {
      expect(scrub(`born ${date} in Asmara`, [migrant('1984-03-12', 'date')])).toBe('born [withheld:migrant.identity] in Asmara');
    },
  );

  test('a withheld position is replaced, to two decimals or more', () => {
    const lat: OwnedValue = { kind: 'coordinate', value: '32.88312', tag: { category: 'location.precise', granted: false } };
    const lon: OwnedValue = { kind: 'coordinate', value: '13.17255', tag: { category: 'location.precise', granted: false } };
    expect(scrub('left from 32.883, 13.1725 at dawn', [lat, lon])).toBe('left from [withheld:location.precise] at dawn');
  });

  test('a withheld amount is replaced with any thousands separator', () => {
    const amount: OwnedValue = { kind: 'amount', value: '15000.00', tag: { category: 'financial', granted: false } };
    expect(scrub('paid 15,000 EUR and later 15 000', [amount])).toBe('paid [withheld:financial] EUR and later [withheld:financial]');
  });

  test('a name with diacritics is found when written without them, and the other way round', () => {
    expect(scrub('Ömer Yıldız and Omer Yildiz', [migrant('Omer Yıldız')])).toBe(
      '[withheld:migrant.identity] and [withheld:migrant.identity]',
    );
  });

  test.each([
    ['with spaces', 'passport LY 445 5667'],
    ['with dashes', 'passport LY-4455-667'],
    ['run together', 'passport LY4455667'],
  ])('a document number %s is replaced', (_how, text) => {
    expect(scrub(text, [migrant('LY4455667', 'number')])).toBe('passport [withheld:migrant.identity]');
  });

  test.each(['+218 91 555 0101', '00218915550101', '091-555-0101', '(091) 555 0101'])('the phone number %s is replaced', (phone) => {
    expect(scrub(`call ${phone} now`, [migrant('+218 91 555 0101', 'phone')])).toBe('call [withheld:migrant.identity] now');
  });

  test('a date of birth in another format is replaced', () => {
    expect(scrub('born 12/03/1984', [migrant('1984-03-12', 'date')])).toBe('born [withheld:migrant.identity]');
  });

  test('an IBAN with a valid checksum is replaced even when no field holds it', () => {
    const iban = ibanFor('LY', '002048000020100120361');
    expect(scrub(`paid into ${iban}`, [])).toBe('paid into [withheld:financial]');
  });

  test('an IBAN-shaped string with a wrong checksum is left alone', () => {
    expect(scrub('ref LY00002048000020100120361', [])).toBe('ref LY00002048000020100120361');
  });

  test('an IMO number with a valid check digit is replaced', () => {
    expect(scrub(`vessel IMO ${imoFor('931012')}`, [])).toBe('vessel [withheld:conveyance]');
  });

  test('e-mail addresses, phone numbers and passport-like numbers of no field are replaced, as the most protected identity the recipient may not see', () => {
    expect(scrub('mail x.y@mail.example, tel +39 333 1234567, doc AB1234567', [])).toBe(
      'mail [withheld:minor.identity], tel [withheld:minor.identity], doc [withheld:minor.identity]',
    );
  });

  test('an identifier of unknown owner stays for a recipient that may see every identity', () => {
    expect(
      scrub('tel +39 333 1234567', [], { also: ['smuggler.identity', 'migrant.identity', 'witness.identity', 'minor.identity'] }),
    ).toBe('tel +39 333 1234567');
  });

  test('a value granted to the recipient stays', () => {
    const phone: OwnedValue = { kind: 'phone', value: '+218 91 555 0101', tag: { category: 'smuggler.identity', granted: true } };
    expect(scrub('call +218 91 555 0101', [], { granted: [phone] })).toBe('call +218 91 555 0101');
  });

  test('a granted full name stays whole where a withheld person shares its surname; the surname alone does not', () => {
    const smuggler: OwnedValue = { kind: 'name', value: 'Kamal Haddad', tag: { category: 'smuggler.identity', granted: true } };
    expect(scrub('Kamal Haddad met Haddad', [migrant('Amina Haddad')], { granted: [smuggler] })).toBe(
      'Kamal Haddad met [withheld:migrant.identity]',
    );
  });

  test('dates and amounts are not mistaken for phone numbers', () => {
    expect(scrub('On 2026-11-29 they paid 1500.00 EUR for 45 people', [])).toBe('On 2026-11-29 they paid 1500.00 EUR for 45 people');
  });

  test('the same withheld value is replaced again in a second notice, whatever its form there', () => {
    expect(scrub('Seen: Amina Tesfaye.', [migrant('Amina Tesfaye')])).toBe('Seen: [withheld:migrant.identity].');
    expect(scrub('Met TESFAYE, Amina.', [migrant('Amina Tesfaye')])).toBe('Met [withheld:migrant.identity].');
  });

  test('a withheld value holding a NUL character is still replaced whole', () => {
    expect(scrub('seen at Villa\u0000Rosa today', [migrant('Villa\u0000Rosa', 'phrase')])).toBe(
      'seen at [withheld:migrant.identity] today',
    );
  });

  test('a character outside ASCII met again after many others is folded the same', () => {
    const others = Array.from({ length: 5000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    expect(scrub(`${others} Zoë Ångström`, [migrant('Zoe Angstrom')])).toBe(`${others} [withheld:migrant.identity]`);
  });
});
