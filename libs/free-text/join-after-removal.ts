/**
 * Two pieces of text joined where something between them was removed, so the seam shows
 * nothing: one space where both sides had some, none before punctuation or at either end.
 */
export function joinAfterRemoval(left: string, right: string): string {
  if (!left) return right.replace(/^\s+/, '');
  if (!right) return left.replace(/\s+$/, '');
  if (/^\s*[,.;:!?)\]]/.test(right)) return left.replace(/\s+$/, '') + right.replace(/^\s+/, '');
  if (/\s$/.test(left) || /^\s/.test(right)) return `${left.replace(/\s+$/, '')} ${right.replace(/^\s+/, '')}`;
  return left + right;
}
