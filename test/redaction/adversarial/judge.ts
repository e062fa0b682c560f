/**
 * The independent judge of issue 16: it decodes the whole view a recipient is delivered
 * (the SignedView bytes, the DeliveredView, every disclosure, the manifest, every derived
 * element, the withheld and granted lists), collects every text a reader can read, and
 * looks for each withheld value in it in every form the judge knows (judge-forms.ts,
 * judge-finders.ts, judge-dates.ts). Its normalisation is its own: nothing here comes
 * from libs/redaction or any library the implementation finds values with; libs/proto is
 * used to decode, by reflection, so fields added to the wire are read too.
 */
import protobuf from 'protobufjs';
import { reflectionRoot, v1 } from '../../../libs/proto/index.js';
import type { RecipientView } from '../../harness/views-of.js';
import { findSecret, grantedNameParts, indexText, type IndexedText, type Secret } from './judge-finders.js';

export type { Secret, SecretKind } from './judge-finders.js';

/** A text a recipient can read, and where in the view it is. */
export interface ReadableText {
  where: string;
  text: string;
}

/** A withheld value found in a view. */
export interface Leak {
  field: string;
  kind: string;
  category: string;
  where: string;
  form: string;
}

export const describeLeak = (l: Leak): string => `${l.field} (${l.kind}, ${l.category}) ${l.form} in ${l.where}`;

/** Bytes fields that hold messages, by field name. */
const NESTED: Record<string, string> = {
  view: 'accord.v1.DeliveredView',
  manifest: 'accord.v1.NoticeManifest',
  protectedManifest: 'accord.v1.ProtectedManifest',
  disclosures: 'accord.v1.Disclosure',
  protectedDisclosures: 'accord.v1.Disclosure',
};
/** Strings no reader reads as text: random ids (the notice's UUID too), key ids, signatures. */
const OPAQUE = new Set(['id', 'noticeId', 'signerKid', 'manifestJws', 'protectedManifestJws', 'jws', 'kid']);
const ELEMENT_ID = /^[A-Za-z0-9_-]{16,43}$/;
const PSEUDONYM = /P-[0-9A-F]{16}/g;

function lookup(name: string): protobuf.Type | undefined {
  try {
    return reflectionRoot.lookupType(name);
  } catch {
    return undefined;
  }
}

/** A path with its random ids as "<id>": what a reader learns from a path. */
export const normalisePath = (path: string): string =>
  path
    .split('/')
    .map((s) => (ELEMENT_ID.test(s) ? '<id>' : s))
    .join('/');

const iso = (ts: { seconds?: unknown; nanos?: unknown }): string =>
  new Date(Number(ts.seconds ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Everything of a view, decoded: readable texts, opaque strings, manifests' digest counts. */
export interface DecodedView {
  texts: ReadableText[];
  opaque: string[];
  manifests: { type: string; digests: number }[];
}

function walk(type: protobuf.Type, message: Record<string, unknown>, where: string, out: DecodedView): void {
  if (type.fullName === '.accord.v1.NoticeManifest' || type.fullName === '.accord.v1.ProtectedManifest') {
    const digests = message['digests'];
    out.manifests.push({ type: type.name, digests: Array.isArray(digests) ? digests.length : 0 });
  }
  for (const field of type.fieldsArray) {
    field.resolve();
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    const values: unknown[] = field.repeated && Array.isArray(value) ? value : [value];
    values.forEach((v, i) => {
      const at = `${where}.${field.name}${field.repeated ? `[${i}]` : ''}`;
      const resolved = field.resolvedType;
      if (resolved instanceof protobuf.Enum) return;
      if (resolved instanceof protobuf.Type) {
        if (resolved.fullName === '.google.protobuf.Timestamp') out.texts.push({ where: at, text: iso(v as { seconds?: unknown }) });
        else walk(resolved, v as Record<string, unknown>, at, out);
        return;
      }
      if (v instanceof Uint8Array) {
        const nested = NESTED[field.name] ? lookup(NESTED[field.name] ?? '') : undefined;
        if (!nested || v.length === 0) return;
        const decoded = nested.decode(v) as unknown as Record<string, unknown>;
        const path = typeof decoded['path'] === 'string' ? `(${normalisePath(decoded['path'])})` : '';
        walk(nested, decoded, `${at}${path}`, out);
        return;
      }
      if (typeof v === 'string') {
        if (OPAQUE.has(field.name)) out.opaque.push(v);
        else if (field.name === 'path') {
          out.opaque.push(...v.split('/').filter((s) => ELEMENT_ID.test(s)));
          out.texts.push({ where: at, text: normalisePath(v) });
        } else if (field.name === 'pseudonym' && /^P-[0-9A-F]{16}$/.test(v)) out.opaque.push(v);
        else {
          out.opaque.push(...(v.match(PSEUDONYM) ?? []));
          out.texts.push({ where: at, text: v.replace(PSEUDONYM, 'P-pseudonym') });
        }
        return;
      }
      if (typeof v === 'number') out.texts.push({ where: at, text: String(v) });
    });
  }
}

/** Decodes every layer of a delivered view, and the elements the recipient verified. */
export function decodeView(rv: RecipientView): DecodedView {
  const out: DecodedView = { texts: [], opaque: [], manifests: [] };
  const signed = lookup('accord.v1.SignedView');
  if (signed) walk(signed, signed.decode(rv.raw) as unknown as Record<string, unknown>, 'signedView', out);
  const element = lookup('accord.v1.ViewElement');
  if (element)
    rv.elements.forEach((e) => walk(element, e as unknown as Record<string, unknown>, `verified[${normalisePath(e.path)}]`, out));
  return out;
}

/** The texts of the view as delivered (without the verified elements, which repeat them). */
export const deliveredTexts = (decoded: DecodedView): ReadableText[] => decoded.texts.filter((t) => t.where.startsWith('signedView'));

/** The raw bytes with every opaque string blanked: a withheld value cannot hide in an id. */
function maskedRaw(raw: Uint8Array, opaque: readonly string[]): Buffer {
  const bytes = Buffer.from(raw);
  for (const s of new Set(opaque)) {
    const needle = Buffer.from(s);
    if (needle.length === 0) continue;
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) bytes.fill(0, at, at + needle.length);
  }
  return bytes;
}

const indexCache = new Map<string, IndexedText>();
function indexed(text: string): IndexedText {
  let hit = indexCache.get(text);
  if (!hit) {
    hit = indexText(text);
    if (indexCache.size > 20_000) indexCache.clear();
    indexCache.set(text, hit);
  }
  return hit;
}

/** Every form of every secret in the texts given; names the recipient may read excepted. */
export function findLeaks(texts: readonly ReadableText[], secrets: readonly Secret[], grantedNames: readonly string[] = []): Leak[] {
  const parts = grantedNameParts(grantedNames);
  const leaks: Leak[] = [];
  for (const s of secrets) {
    for (const t of texts) {
      const form = findSecret(s, indexed(t.text), parts);
      if (form) {
        leaks.push({ field: s.field, kind: s.kind, category: s.category, where: t.where, form });
        break;
      }
    }
  }
  return leaks;
}

export interface Judgement {
  leaks: Leak[];
  /** Values checked (each in every form, in every text, and verbatim in the bytes). */
  checks: number;
  decoded: DecodedView;
}

/** Judges one delivered view against the values withheld from its recipient. */
export function judgeView(rv: RecipientView, secrets: readonly Secret[], grantedNames: readonly string[] = []): Judgement {
  const decoded = decodeView(rv);
  const leaks = findLeaks(decoded.texts, secrets, grantedNames);
  const raw = maskedRaw(rv.raw, decoded.opaque);
  for (const s of secrets) {
    if (Array.from(s.value).length >= 4 && raw.includes(Buffer.from(s.value)) && !leaks.some((l) => l.field === s.field)) {
      leaks.push({ field: s.field, kind: s.kind, category: s.category, where: 'the raw SignedView bytes', form: 'verbatim' });
    }
  }
  return { leaks, checks: secrets.length, decoded };
}

/** What betrays a witness to a recipient who must see no trace of one. */
export function witnessTraces(rv: RecipientView, decoded = decodeView(rv)): string[] {
  const traces: string[] = [];
  const profiles = [...rv.elements.map((e) => e.personProfile), ...rv.view.disclosures.map((d) => v1.Disclosure.decode(d).personProfile)];
  const witnesses = profiles.filter((p) => p?.role === v1.PersonRole.WITNESS).length;
  if (witnesses > 0) traces.push(`${witnesses} witness profile(s)`);
  for (const w of rv.view.withheld)
    if (w.category === 'witness.identity') traces.push(`a withheld entry ${normalisePath(w.path ?? '')} (witness.identity)`);
  for (const t of deliveredTexts(decoded)) if (/witness/i.test(t.text)) traces.push(`"${t.text.slice(0, 60)}" in ${t.where}`);
  if (rv.granted.includes('witness.identity')) traces.push('witness.identity granted');
  return traces;
}
