/** IBAN (ISO 13616) mod-97 check: the checksum must be valid, not just the shape. */
export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** IMO ship identification number: 7 digits, the last a check digit (weights 7..2). */
export function isValidImo(digits: string): boolean {
  if (!/^\d{7}$/.test(digits)) return false;
  const sum = Array.from(digits.slice(0, 6)).reduce((acc, d, i) => acc + Number(d) * (7 - i), 0);
  return sum % 10 === Number(digits[6]);
}
