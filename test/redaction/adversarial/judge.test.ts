/**
 * The judge itself, without the implementation: for every planted text of the corpus it
 * recognises each planted piece (so a failure of adversarial.test.ts is no blind spot of
 * the judge's) and finds nothing in the control text, where the pieces are replaced by a
 * marker, nor in the values the recipient is granted (so a failure is no false alarm).
 */
import { describe, expect, test } from 'vitest';
import { leakCases } from './corpus.js';
import { grantedNames, grantedValues, secretsOf } from './expected.js';
import { describeLeak, findLeaks, type Secret } from './judge.js';
import { grantsFor } from './run-case.js';

const planted = leakCases.filter((c) => c.planted.length > 0);

describe('the judge recognises every planted form and nothing else', () => {
  for (const c of planted) {
    test(`${c.klass}: ${c.name}`, () => {
      const grants = grantsFor(c) ?? new Set<string>();
      const secrets = [...secretsOf(c.notice, grants), ...(c.extraSecrets ?? [])];
      const names = grantedNames(c.notice, grants);
      const missed = c.planted.flatMap((p) =>
        p.pieces.filter((_piece, i) => findLeaks([{ where: 'planted', text: p.singles[i] ?? '' }], secrets, names).length === 0),
      );
      expect(missed, 'planted pieces the judge does not recognise').toEqual([]);
      const controls = c.planted.map((p) => ({ where: 'control', text: p.control }));
      expect(findLeaks(controls, secrets, names).map(describeLeak), 'false alarms in the control text').toEqual([]);
      // A granted field holding a planted text is judged by its control.
      const control = (value: string): string => c.planted.find((p) => p.text === value)?.control ?? value;
      const granted = grantedValues(c.notice, grants).map((v) => ({ where: v.field, text: control(v.value) }));
      expect(findLeaks(granted, secrets, names).map(describeLeak), 'false alarms in granted values').toEqual([]);
    });
  }
});

const secret = (kind: Secret['kind'], value: string): Secret => ({ kind, value, category: 'migrant.identity', field: 'test' });
const leaks = (text: string, s: Secret, granted: string[] = []): number => findLeaks([{ where: 'text', text }], [s], granted).length;

describe('the judge stays quiet where nothing is withheld', () => {
  test.each([
    ['a French article "le" next to a withheld "Le Van Ba"', 'Le passeur a dit que le bateau partirait.', secret('name', 'Le Van Ba')],
    ['an Italian "mai" next to a withheld "Dao Thi Mai"', 'Non ha mai pagato il viaggio.', secret('name', 'Dao Thi Mai')],
    ['an event date next to a withheld date of birth', 'Landed on 3 March 2026 at 04:30.', secret('date', '2001-03-03')],
    ['whole degrees next to a withheld position', 'Somewhere around 32N 12E.', secret('coordinate', '32.9312')],
    ['a far position next to a withheld one', 'Lampedusa lies at 35.50N 12.60E.', secret('coordinate', '12.0815')],
    ['another phone next to a withheld one', 'Call +39 333 1234567 for the port office.', secret('number', '+218 91 555 0101')],
    ['a pseudonym-like code next to a withheld number', 'Case P-pseudonym, count 45.', secret('number', 'LY4455667')],
    [
      'ordinary words holding a withheld name ("examination", "stamina")',
      'Stamina and a medical examination; laminated cards.',
      secret('name', 'Amina Tesfaye'),
    ],
    ['the Arabic "from" next to a withheld "Amina"', 'انطلق القارب من زوارة.', secret('name', 'Amina Tesfaye')],
    ['the Arabic "alone" next to a withheld "Haddad"', 'كانت الطفلة وحدها.', secret('name', 'Kamal Haddad')],
  ])('%s', (_what, text, s) => {
    expect(leaks(text, s)).toBe(0);
  });

  test('a part shared with a granted name betrays nothing: "Kamal Haddad" granted, "Samir Haddad" withheld', () => {
    expect(leaks('Kamal Haddad paid the skipper.', secret('name', 'Samir Haddad'), ['Kamal Haddad'])).toBe(0);
    expect(leaks('Samir saw him.', secret('name', 'Samir Haddad'), ['Kamal Haddad'])).toBe(1);
  });
});
