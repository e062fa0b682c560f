import { analyseText, findValues, type KnownValue } from '../detection/index.js';
import { joinAfterRemoval } from '../free-text/index.js';
import { personValues } from '../notice/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import type { SummaryPiece } from './notice-layout.js';

/** Where a text mentions a protected witness: spans that no other person's value explains. */
export type WitnessMentions = (text: string) => { start: number; end: number }[];

/**
 * Finds mentions of the notice's witnesses. A span that shows another person's value at
 * least as fully ("Kamal Haddad" beside a witness Samir Haddad) is that person's, not the
 * witness's: the witness leaves no mark on the others' names.
 */
export function witnessMentions(notice: CaseNoticeProps, witnesses: ReadonlySet<number>): WitnessMentions {
  const values: KnownValue<boolean>[] = (notice.persons ?? []).flatMap((p, i) => personValues(p).map((v) => ({ kind: v.kind, value: v.value, tag: witnesses.has(i) })));
  return (text) => {
    if (!text) return [];
    const found = findValues(analyseText(text), values);
    const others = found.filter((m) => !m.value.tag);
    return found
      .filter((m) => m.value.tag && !others.some((o) => o.start <= m.start && o.end >= m.end && o.strength >= m.strength))
      .sort((a, b) => a.start - b.start);
  };
}

/** The text without the mentions, the seams closed. */
export function withoutMentions(text: string, mentions: WitnessMentions): string {
  const found = mentions(text);
  if (found.length === 0) return text;
  const kept: string[] = [];
  let at = 0;
  for (const m of found) {
    if (m.end <= at) continue;
    kept.push(text.slice(at, Math.max(at, m.start)));
    at = Math.max(at, m.end);
  }
  kept.push(text.slice(at));
  return kept.reduce((joined, next) => joinAfterRemoval(joined, next));
}

/** Text pieces split at each witness mention: the mention becomes a span tagged witness.identity. */
function markMentions(pieces: readonly SummaryPiece[], mentions: WitnessMentions, newId: () => string): SummaryPiece[] {
  return pieces.flatMap((p): SummaryPiece[] => {
    if (!('text' in p)) return [p];
    const out: SummaryPiece[] = [];
    let at = 0;
    for (const m of mentions(p.text)) {
      if (m.start < at) continue;
      if (m.start > at) out.push({ text: p.text.slice(at, m.start) });
      out.push({ span: { id: newId(), category: 'witness.identity', text: p.text.slice(m.start, m.end) } });
      at = m.end;
    }
    if (at < p.text.length) out.push({ text: p.text.slice(at) });
    return out;
  });
}

/** Pieces with the witnesses' parts taken out and the text around them joined. */
function withoutWitnessParts(pieces: readonly SummaryPiece[], witnessIds: ReadonlySet<number>, mentions: WitnessMentions): SummaryPiece[] {
  const out: SummaryPiece[] = [];
  let seam = false;
  for (const p of pieces) {
    const gone = ('ref' in p && p.ref.collection === 'persons' && witnessIds.has(p.ref.index)) || ('span' in p && p.span.category === 'witness.identity');
    const piece: SummaryPiece | undefined = gone ? undefined : 'span' in p ? { span: { ...p.span, text: withoutMentions(p.span.text, mentions) } } : p;
    if (!piece || ('span' in piece && !piece.span.text)) {
      seam = true;
      continue;
    }
    const last = out.at(-1);
    if ('text' in piece && last && 'text' in last) last.text = seam ? joinAfterRemoval(last.text, piece.text) : last.text + piece.text;
    else if (seam && 'text' in piece) out.push({ text: last ? piece.text : joinAfterRemoval('', piece.text) });
    else out.push('text' in piece ? { text: piece.text } : piece);
    seam = false;
  }
  const end = out.at(-1);
  if (seam && end && 'text' in end) end.text = joinAfterRemoval(end.text, '');
  return out.filter((p) => !('text' in p) || p.text !== '');
}

export interface WitnessFreeNotice {
  /** The notice as it reads without its witnesses: their mentions cut from every text field. */
  notice: CaseNoticeProps;
  /** The summary of the whole notice, every witness mention marked as a span of its own. */
  fullPieces: SummaryPiece[] | undefined;
  /** The summary without the witnesses' parts. */
  mainPieces: SummaryPiece[] | undefined;
  witnesses: ReadonlySet<number>;
}

/**
 * Under WITNESS_PROTECTION the originator signs two layers: the notice as it reads without
 * its witnesses (what everyone not granted witness.identity gets, identical whether there
 * are witnesses or not) and, apart, what differs with them. This makes the first.
 */
export function witnessFree(notice: CaseNoticeProps, pieces: readonly SummaryPiece[] | undefined, newId: () => string): WitnessFreeNotice {
  const witnesses = new Set((notice.persons ?? []).flatMap((p, i) => (p.role === v1.PersonRole.WITNESS ? [i] : [])));
  const mentions = witnessMentions(notice, witnesses);
  const plain = notice.summary ?? '';
  const fullPieces = pieces ? markMentions(pieces, mentions, newId) : mentions(plain).length > 0 ? markMentions([{ text: plain }], mentions, newId) : undefined;
  const mainPieces = fullPieces && withoutWitnessParts(fullPieces, witnesses, mentions);
  const cut = (text: string | null | undefined): string => withoutMentions(text ?? '', mentions);
  const main: CaseNoticeProps = {
    ...notice,
    summary: mainPieces ? '' : plain,
    conveyances: (notice.conveyances ?? []).map((c) => ({ ...c, identifier: cut(c.identifier) })),
    financial: (notice.financial ?? []).map((f) => ({ ...f, account: cut(f.account), institution: cut(f.institution), counterparty: cut(f.counterparty) })),
    locations: (notice.locations ?? []).map((l) => ({ ...l, label: cut(l.label) })),
  };
  return { notice: main, fullPieces, mainPieces, witnesses };
}
