import { boundedMemo } from './bounded-memo.js';
import { normalise, type NormalisedText } from './normalise-text.js';
import { consonantSkeleton, latinOf } from './script-forms.js';
import { adjacent, type Token } from './tokens.js';

/** One part of a name ("kamal" of "Kamal Haddad") in the forms it is matched in. */
interface NamePart {
  latin: string;
  skeleton: string;
  foreign: boolean;
  particle: boolean;
}

/** Parts that are names only beside the rest of the name ("al" of "Al-Hassan"). */
const PARTICLES = new Set([
  'al',
  'el',
  'ul',
  'bin',
  'ben',
  'ibn',
  'bint',
  'abu',
  'abou',
  'bou',
  'ould',
  'van',
  'von',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'der',
  'den',
  'dos',
  'das',
  'y',
]);

/** Words before a name that say it is one: "Mr Le", "M. Ba", "Sheikh Ali". */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'sir',
  'madam',
  'mme',
  'mlle',
  'm',
  'herr',
  'frau',
  'sig',
  'sigra',
  'signor',
  'signora',
  'sr',
  'sra',
  'senor',
  'senora',
  'don',
  'dona',
  'sheikh',
  'shaikh',
  'sheik',
  'haji',
  'hajji',
  'hajj',
  'sayed',
  'sayyid',
  'uncle',
  'aunt',
  'brother',
  'sister',
  'captain',
  'capt',
  'skipper',
  'mister',
  'monsieur',
  'madame',
  'gospodin',
  'gospozha',
  'named',
  'called',
  'alias',
  'aka',
  'surname',
  'name',
  // The same in Arabic script, as any-ascii writes them: السيد, السيدة, الشيخ, الحاج, سيد, شيخ, حاج.
  'lsyd',
  'lsydh',
  'lsyd',
  'syd',
  'sydh',
  'lshykh',
  'shykh',
  'lhj',
  'lhjj',
  'hj',
  'hjj',
  'bw',
  'm',
]);

/** What may be glued before a name part and leave it a name: "Haddads", "alHaddad", "Haddadi". */
const PREFIXES = new Set([
  'al',
  'el',
  'ul',
  'wa',
  'w',
  'bi',
  'li',
  'bin',
  'ben',
  'ibn',
  'abu',
  'abou',
  'mc',
  'mac',
  'o',
  'de',
  'da',
  'di',
  'van',
  'von',
  'mr',
  'dr',
]);
const SUFFIXES = new Set([
  's',
  'es',
  'i',
  'y',
  'e',
  'a',
  'iya',
  'iyya',
  'ov',
  'ova',
  'ev',
  'eva',
  'in',
  'ina',
  'ski',
  'ska',
  'sky',
  'ian',
  'ians',
  'ese',
  'ish',
  'ite',
  'ites',
]);

const partsOf = boundedMemo(
  4096,
  (name: string): NamePart[] =>
    normalise(name)
      .replace(/'/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t.length > 0)
      .map((t) => {
        const latin = latinOf(t);
        return { latin, skeleton: consonantSkeleton(latin), foreign: /[^\p{ASCII}]/u.test(t), particle: PARTICLES.has(latin) };
      })
      .filter((p) => p.latin.length >= 2),
  { maxKeyLength: 512 },
);

/** Levenshtein distance, for spelling variants of a name part ("Hadad", "Mohamed"). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** The token is made of name parts (and digits) only: "kamalhaddad84", "alihaddad". */
function madeOfParts(word: string, parts: readonly NamePart[]): boolean {
  // reach[i]: word[0, i) splits into parts and digits; 2 when a part is among them.
  const reach = Array.from({ length: word.length + 1 }, () => 0);
  reach[0] = 1;
  for (let i = 0; i < word.length; i++) {
    const at = reach[i] ?? 0;
    if (at === 0) continue;
    const digits = /^\d+/.exec(word.slice(i))?.[0].length ?? 0;
    if (digits > 0) reach[i + digits] = Math.max(reach[i + digits] ?? 0, at);
    for (const p of parts) if (p.latin.length >= 3 && word.startsWith(p.latin, i)) reach[i + p.latin.length] = 2;
  }
  return reach[word.length] === 2;
}

type Strength = 'exact' | 'short' | 'loose';

/**
 * What is glued to a part on one side leaves it a name: nothing, digits, another part of
 * the name or its initial ("KamalH"), an affix, or another word begun with a capital
 * ("HaddadBrothers").
 */
function nameAffix(x: string, parts: readonly NamePart[], affixes: ReadonlySet<string>, capitalBreak: boolean): boolean {
  return (
    x === '' ||
    capitalBreak ||
    /^\d+$/.test(x) ||
    affixes.has(x) ||
    madeOfParts(x, parts) ||
    (x.length === 1 && parts.some((p) => p.latin.startsWith(x)))
  );
}

/** The part glued inside a longer word, as a name and not as letters of another word ("stamina"). */
function gluedIn(reading: string, p: NamePart, parts: readonly NamePart[], camel: readonly number[]): boolean {
  for (let at = reading.indexOf(p.latin); at >= 0; at = reading.indexOf(p.latin, at + 1)) {
    const end = at + p.latin.length;
    if (
      nameAffix(reading.slice(0, at), parts, PREFIXES, camel.includes(at)) &&
      nameAffix(reading.slice(end), parts, SUFFIXES, camel.includes(end))
    )
      return true;
  }
  return false;
}

/** A name glued into a longer run is read in runs up to this long: longer is no word, and reading it would cost its square. */
const GLUED_RUN_LIMIT = 64;

/** How a token shows a part, if it does. */
function matchPart(t: Token, p: NamePart, parts: readonly NamePart[]): Strength | undefined {
  const readings = [t.latin, ...t.alternates].filter((r) => r.length <= GLUED_RUN_LIMIT || r === p.latin);
  if (readings.length === 0) return t.latin.includes(p.latin) && p.latin.length >= 4 ? 'exact' : undefined;
  // Short parts and particles ("Le", "Ali", "al") are ordinary words too: they need context.
  if (readings.includes(p.latin)) return p.latin.length <= 3 || p.particle ? 'short' : 'exact';
  if (p.latin.length >= 4 && readings.some((r) => gluedIn(r, p, parts, r === t.latin ? t.camel : []))) return 'exact';
  if (p.latin.length === 3 && readings.some((r) => r.length > 3 && madeOfParts(r, parts) && r.includes(p.latin))) return 'exact';
  // Across scripts (Arabic omits short vowels): the consonant skeletons agree. Two
  // consonants alone are an ordinary word as often as a name ("من" for Amina) unless the
  // word also writes a long vowel; one consonant never tells.
  if ((t.foreign || p.foreign) && p.skeleton.length > 0) {
    const skeletons = [t.skeleton, ...t.alternates.map(consonantSkeleton)];
    if (!skeletons.includes(p.skeleton)) return undefined;
    const writesVowel = /[aeiouwy]/.test(t.latin) || /[اويآى]/u.test(t.norm);
    if (p.skeleton.length >= 3 || (p.skeleton.length === 2 && writesVowel && t.norm.length >= 3)) return 'loose';
    return 'short';
  }
  if (p.skeleton.length < 2 || t.skeleton.length < 2) return undefined;
  // A spelling variant in Latin letters: same skeleton, close spelling, not a short word, no digits.
  if (
    /^[a-z]+$/.test(t.latin) &&
    /^[a-z]+$/.test(p.latin) &&
    t.latin.length >= 4 &&
    p.latin.length >= 4 &&
    t.skeleton === p.skeleton &&
    editDistance(t.latin, p.latin) <= Math.max(1, Math.floor(p.latin.length / 4))
  ) {
    return 'loose';
  }
  return undefined;
}

const isInitial = (t: Token | undefined): boolean => t !== undefined && t.norm.length === 1 && t.capitalised;

/** A run of tokens showing one name: its span in the normalised text and how much it shows. */
export interface NameRun {
  start: number;
  end: number;
  strength: number;
}

/**
 * Where a name shows in a text: each of its parts in any of the forms above, alone or
 * together. A part of one or two letters ("Le", "Ba") or a particle ("al", "bin") counts
 * only where it reads as a name: beside another part, after a title ("Mr Le"), or (not a
 * particle) capitalised. Runs of adjacent parts become one span, with single letters
 * (initials) next to them.
 */
export function nameRuns(name: string, n: NormalisedText, tokens: readonly Token[]): NameRun[] {
  const parts = partsOf(name);
  if (parts.length === 0) return [];
  const hits = tokens.map((t) => {
    let best: { strength: Strength; part: NamePart } | undefined;
    for (const p of parts) {
      const s = matchPart(t, p, parts);
      if (s && (!best || best.strength === 'short')) best = { strength: s, part: p };
    }
    return best;
  });
  // A short part counts where it reads as a name: after a title, capitalised (a one- or
  // two-letter part not merely as a sentence's first word: "Le passeur a dit"), or beside
  // another part that counts, so "LE Van Ba" counts whole once "Ba" does.
  const confirmed = hits.map((h, i) => {
    if (!h || h.strength !== 'short') return h !== undefined;
    const t = tokens[i] as Token;
    const before = tokens[i - 1];
    if (before && adjacent(n, before, t) && TITLES.has(before.latin)) return true;
    const sentenceStart = !before || /[.!?:;\n]/u.test(n.text.slice(before.end, t.start));
    return !h.part.particle && t.capitalised && !t.foreign && !(sentenceStart && h.part.latin.length <= 2);
  });
  // One pass each way carries a confirmation along a run of adjacent parts.
  const spread = (i: number, from: number): void => {
    const t = tokens[i] as Token;
    const other = tokens[from] as Token;
    if (!confirmed[i] && hits[i] && confirmed[from] && (from < i ? adjacent(n, other, t) : adjacent(n, t, other))) confirmed[i] = true;
  };
  for (let i = 1; i < tokens.length; i++) spread(i, i - 1);
  for (let i = tokens.length - 2; i >= 0; i--) spread(i, i + 1);
  const runs: NameRun[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!confirmed[i]) continue;
    let j = i;
    const seen = new Set<string>([hits[i]?.part.latin ?? '']);
    while (j + 1 < tokens.length && confirmed[j + 1] && adjacent(n, tokens[j] as Token, tokens[j + 1] as Token)) {
      j++;
      seen.add(hits[j]?.part.latin ?? '');
    }
    let first = i;
    // Initials before or after the name ("K. Haddad", "Haddad K."), up to three.
    while (first > 0 && i - first < 3 && isInitial(tokens[first - 1]) && adjacent(n, tokens[first - 1] as Token, tokens[first] as Token))
      first--;
    let last = j;
    while (
      last + 1 < tokens.length &&
      last - j < 3 &&
      isInitial(tokens[last + 1]) &&
      adjacent(n, tokens[last] as Token, tokens[last + 1] as Token)
    )
      last++;
    const strength = [...seen].reduce((sum, part) => sum + part.length, 0);
    runs.push({ start: tokens[first]?.start ?? 0, end: tokens[last]?.end ?? 0, strength });
    i = j;
  }
  return runs;
}
