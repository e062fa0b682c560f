import { analyseText, findValues, type KnownValue } from '../detection/index.js';
import { AccordError } from '../errors/index.js';
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
  const values: KnownValue<boolean>[] = (notice.persons ?? []).flatMap((p, i) =>
    personValues(p).map((v) => ({ kind: v.kind, value: v.value, tag: witnesses.has(i) })),
  );
  return (text) => {
    if (!text) return [];
    const found = findValues(analyseText(text), values);
    const others = found.filter((m) => !m.value.tag);
    return found
      .filter((m) => m.value.tag && !others.some((o) => o.start <= m.start && o.end >= m.end && o.strength >= m.strength))
      .sort((a, b) => a.start - b.start);
  };
}

/**
 * The sentences of a text that mention a witness, whole: taking out only the name would
 * leave "... aboard. saw it from the pier.", and a gap says that something was taken out.
 */
function mentioningSentences(text: string, mentions: WitnessMentions): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of mentions(text)) {
    const sentence = text.slice(0, m.start).search(/[^.!?\n]*$/u);
    const before = sentence + (/^\s*/u.exec(text.slice(sentence))?.[0].length ?? 0);
    const after = /^[^.!?\n]*[.!?]*/u.exec(text.slice(m.end))?.[0].length ?? 0;
    const span = { start: before, end: m.end + after };
    const last = out.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push(span);
  }
  return out;
}

/** A plain summary's sentences about a witness as spans tagged witness.identity, the rest as text. */
function markSentences(text: string, mentions: WitnessMentions, newId: () => string): SummaryPiece[] {
  const out: SummaryPiece[] = [];
  let at = 0;
  for (const s of mentioningSentences(text, mentions)) {
    if (s.start > at) out.push({ text: text.slice(at, s.start) });
    out.push({ span: { id: newId(), category: 'witness.identity', text: text.slice(s.start, s.end) } });
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

function refuseMention(path: string, what: string): AccordError {
  return new AccordError('E_SCHEMA', `${path}: under WITNESS_PROTECTION it mentions a protected witness ${what}`, { path });
}

/** Pieces with the witnesses' parts taken out and the text around them joined. */
function withoutWitnessParts(pieces: readonly SummaryPiece[], witnessIds: ReadonlySet<number>): SummaryPiece[] {
  const out: SummaryPiece[] = [];
  let seam = false;
  for (const p of pieces) {
    const gone =
      ('ref' in p && p.ref.collection === 'persons' && witnessIds.has(p.ref.index)) ||
      ('span' in p && p.span.category === 'witness.identity');
    const piece: SummaryPiece | undefined = gone ? undefined : p;
    if (!piece) {
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
  /** The notice as it reads without its witnesses: every text field that mentions one left empty. */
  notice: CaseNoticeProps;
  /** The summary of the whole notice, each sentence of a plain summary that mentions a witness a span of its own. */
  fullPieces: SummaryPiece[] | undefined;
  /** The summary without the witnesses' parts. */
  mainPieces: SummaryPiece[] | undefined;
  witnesses: ReadonlySet<number>;
}

/**
 * Under WITNESS_PROTECTION the originator signs two layers: the notice as it reads without
 * its witnesses (what everyone not granted witness.identity gets, identical whether there
 * are witnesses or not) and, apart, what differs with them. This makes the first. In a
 * plain summary each sentence that mentions a witness becomes a span of its own; a
 * marked-up summary, whose author is marking up already, is refused where its text or a
 * span of another category mentions one (E_SCHEMA). A text field of an element that
 * mentions a witness is left empty in the first layer, whole in the second.
 */
export function witnessFree(notice: CaseNoticeProps, pieces: readonly SummaryPiece[] | undefined, newId: () => string): WitnessFreeNotice {
  const witnesses = new Set((notice.persons ?? []).flatMap((p, i) => (p.role === v1.PersonRole.WITNESS ? [i] : [])));
  const mentions = witnessMentions(notice, witnesses);
  const plain = notice.summary ?? '';
  for (const p of pieces ?? []) {
    if ('text' in p && mentions(p.text).length > 0)
      throw refuseMention('summary', 'outside markup: tag the sentence as {{witness.identity:...}}, or reference the witness');
    if ('span' in p && p.span.category !== 'witness.identity' && mentions(p.span.text).length > 0)
      throw refuseMention('summary', `in a span tagged ${p.span.category}: tag it witness.identity`);
  }
  const fullPieces = pieces ? [...pieces] : mentions(plain).length > 0 ? markSentences(plain, mentions, newId) : undefined;
  const mainPieces = fullPieces && withoutWitnessParts(fullPieces, witnesses);
  const cut = (text: string | null | undefined): string => (mentions(text ?? '').length > 0 ? '' : (text ?? ''));
  const main: CaseNoticeProps = {
    ...notice,
    summary: mainPieces ? '' : plain,
    persons: (notice.persons ?? []).map((p) => ({ ...p, documents: (p.documents ?? []).map((d) => ({ ...d, kind: cut(d.kind) })) })),
    conveyances: (notice.conveyances ?? []).map((c) => ({ ...c, identifier: cut(c.identifier) })),
    financial: (notice.financial ?? []).map((f) => ({
      ...f,
      account: cut(f.account),
      institution: cut(f.institution),
      counterparty: cut(f.counterparty),
    })),
    locations: (notice.locations ?? []).map((l) => ({ ...l, label: cut(l.label) })),
  };
  return { notice: main, fullPieces, mainPieces, witnesses };
}
