/**
 * The value of a decimal digit of any script (Arabic-Indic ٣, Persian ۳, Devanagari ३, ...).
 * Unicode places every script's digits 0 to 9 at consecutive code points, so the zeros are
 * found once by scanning the planes that hold digits.
 */
const zeros: number[] = [];
{
  const digit = /\p{Nd}/u;
  let run = -1;
  for (let cp = 0; cp <= 0x20000; cp++) {
    if (cp < 0x20000 && digit.test(String.fromCodePoint(cp))) {
      if (run < 0) run = cp;
    } else if (run >= 0) {
      for (let zero = run; zero < cp; zero += 10) zeros.push(zero);
      run = -1;
    }
  }
}

/** "0" to "9" for a digit of any script, or undefined. */
export function asciiDigit(cp: number): string | undefined {
  if (cp >= 0x30 && cp <= 0x39) return String.fromCharCode(cp);
  if (cp < 0x660) return undefined;
  let lo = 0;
  let hi = zeros.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const zero = zeros[mid] ?? 0;
    if (cp < zero) hi = mid - 1;
    else if (cp > zero + 9) lo = mid + 1;
    else return String.fromCharCode(0x30 + cp - zero);
  }
  return undefined;
}
