import { v1 } from '../proto/index.js';
import type { ElementModel, InboxRow, NoticeModel, WithdrawnModel, WithheldModel } from './console-models.js';
import { parseTlp } from './tlp.js';
import type { SupplementModel } from './widen-models.js';

/** A view as the node stores it: the readable JSON of libs/client/readable-view.ts. */
export interface StoredViewJson {
  noticeId: string;
  receivedAt: string;
  view: Record<string, unknown>;
}

/** What a withdrawal left of a view, as the node keeps it: the withdrawal record (libs/client TombstoneRecord). */
export interface WithdrawnViewJson {
  noticeId: string;
  receivedAt: string;
  withdrawn: object;
}

type Json = Record<string, unknown>;

/**
 * Readers of untrusted JSON: each answers its type or the proto3 default, so a view of
 * any shape gives a model, never an exception (a field of the wrong type is as if absent).
 */
function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A number as proto3 JSON writes it (a number, or a 64-bit integer as a decimal string). */
function num(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value)) return Number(value);
  return 0;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}

/** An enum as its name: proto3 JSON writes names; a number (an older or odd writer) is not guessed at. */
function enumName(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** The core's handling codes as names; the page shows a name it has no words for as the text it is. */
function handlingOf(core: Json): string[] {
  return Array.isArray(core.handling) ? core.handling.map(enumName).filter(Boolean) : [];
}

const bool = (value: unknown): string => (value === true ? 'true' : 'false');

type Kind = ElementModel['kind'];

/** Each kind of element: its JSON member (the oneof) and its fields in display order. */
const KINDS: { kind: Exclude<Kind, 'other'>; fields: (value: unknown) => [string, string][] }[] = [
  {
    kind: 'personProfile',
    fields: (v) => {
      const p = record(v);
      return [
        ['role', enumName(p.role)],
        ['nationality', str(p.nationality)],
        // `optional`: absent means unknown, and is shown so rather than as "no".
        ...(typeof p.minor === 'boolean' ? [['minor', bool(p.minor)] as [string, string]] : []),
        ['unaccompanied', bool(p.unaccompanied)],
      ];
    },
  },
  {
    kind: 'personIdentity',
    fields: (v) => {
      const p = record(v);
      const documents = records(p.documents).map((d): [string, string] => [
        'document',
        [str(d.kind), str(d.number), str(d.issuingCountry)].filter(Boolean).join(' · '),
      ]);
      return [['fullName', str(p.fullName)], ['dateOfBirth', str(p.dateOfBirth)], ['phone', str(p.phone)], ...documents];
    },
  },
  {
    kind: 'conveyance',
    fields: (v) => {
      const c = record(v);
      return [
        ['kind', enumName(c.kind)],
        ['identifier', str(c.identifier)],
        ['flagCountry', str(c.flagCountry)],
      ];
    },
  },
  {
    kind: 'financial',
    fields: (v) => {
      const f = record(v);
      return [
        ['account', str(f.account)],
        ['institution', str(f.institution)],
        ['amount', str(f.amount)],
        ['currency', str(f.currency)],
        ['counterparty', str(f.counterparty)],
      ];
    },
  },
  {
    kind: 'location',
    fields: (v) => {
      const l = record(v);
      return [
        ['lat', String(num(l.lat))],
        ['lon', String(num(l.lon))],
        ['label', str(l.label)],
        ['observedAt', str(l.observedAt)],
      ];
    },
  },
  {
    kind: 'coarseLocation',
    fields: (v) => {
      const l = record(v);
      return [
        ['lat', String(num(l.lat))],
        ['lon', String(num(l.lon))],
        ['gridDegrees', String(num(l.gridDegrees))],
        ['observedAt', str(l.observedAt)],
      ];
    },
  },
  { kind: 'summary', fields: (v) => [['summary', str(v)]] },
  { kind: 'pseudonym', fields: (v) => [['pseudonym', str(v)]] },
];

/** The entity id of a path: "persons/<id>/identity" → <id>; a path of no entity ("summary") has none. */
function entityOf(path: string): string | undefined {
  const match = /^(?:persons|conveyances|financial|locations)\/([^/]+)/.exec(path);
  return match?.[1];
}

function elementModel(json: Json): ElementModel {
  const path = str(json.path);
  const found = KINDS.find((k) => json[k.kind] !== undefined);
  const entity = entityOf(path);
  return {
    id: str(json.id),
    category: str(json.category),
    kind: found?.kind ?? 'other',
    ...(entity === undefined ? {} : { entity }),
    path,
    fields: found ? found.fields(json[found.kind]) : [],
    derived: json.derived === true,
  };
}

/** The relations a view was granted (its relations/<id> elements): which notices it replies to or updates. */
export function relationsOfView(view: Record<string, unknown>): { kind: string; noticeId: string }[] {
  return records(record(view).elements)
    .map((e) => record(e.relation))
    .filter((r) => str(r.noticeId) !== '')
    .map((r) => ({ kind: enumName(r.kind), noticeId: str(r.noticeId) }));
}

const replyTargets = (view: Json): string[] => relationsOfView(view).flatMap((r) => (r.kind === 'REPLY' ? [r.noticeId] : []));

/** `replyTo` only for a notice that replies to one: a model of any other is as it always was. */
const withReplies = <T>(replyTo: T[]): { replyTo?: T[] } => (replyTo.length > 0 ? { replyTo } : {});

function withheldModel(json: Json): WithheldModel {
  return { path: str(json.path), category: str(json.category), count: num(json.count) };
}

/**
 * A supplementary view's release (proto3 JSON: the accord.v1.Release bytes in base64):
 * the request it answers and the categories released. The node verified the
 * issuer's signature over those bytes before storing the view; bytes that do not decode
 * give the request alone.
 */
function supplementOf(view: Json): SupplementModel | undefined {
  const supplement = record(view.supplement);
  const requestId = str(supplement.requestId);
  if (requestId === '') return undefined;
  try {
    const release = v1.Release.decode(Buffer.from(str(supplement.release), 'base64'));
    return { requestId, categories: [...release.categories] };
  } catch {
    return { requestId, categories: [] };
  }
}

const withSupplement = (supplement: SupplementModel | undefined): { supplement?: SupplementModel } => (supplement ? { supplement } : {});

/**
 * A stored view as the notice page shows it. `stored.view` is proto3 JSON of
 * accord.v1.DeliveredView with `elements` replaced by every element (originals and derived)
 * as accord.v1.ViewElement JSON. The node stores only views it verified (the bus's
 * signature and the originator's), so a view naming its signer's key is shown as verified.
 * Odd input (missing core, wrong types) gives empty strings, zeros and 'other', never a throw.
 */
export function noticeModelFrom(stored: StoredViewJson, receiptAt?: string): NoticeModel {
  const s = record(stored);
  const view = record(s.view);
  const core = record(view.core);
  const route = record(core.route);
  const signerKid = str(view.signerKid);
  return {
    noticeId: str(s.noticeId) || str(core.noticeId),
    tlp: parseTlp(core.tlp),
    type: enumName(core.type),
    caseRef: str(core.caseRef),
    issuer: str(core.issuingAgency),
    issuedAt: str(core.issuedAt),
    receivedAt: str(s.receivedAt) || str(view.receivedAt),
    caveats: Array.isArray(core.caveats) ? core.caveats.map(enumName).filter(Boolean) : [],
    handling: handlingOf(core),
    mode: enumName(core.mode),
    route: { origin: strings(route.origin), transit: strings(route.transit), destination: strings(route.destination) },
    addressees: strings(core.addressees),
    migrantCount: num(core.migrantCount),
    deathsReported: num(core.deathsReported),
    signerKid,
    verified: signerKid !== '',
    // A relation is shown as what it says of the other notice (in reply to, a version of), not as an element.
    elements: records(view.elements)
      .filter((e) => e.relation === undefined)
      .map(elementModel),
    withheld: records(view.withheld).map(withheldModel),
    grantedCategories: strings(view.grantedCategories),
    policyVersion: str(view.policyVersion),
    ...(typeof receiptAt === 'string' && receiptAt !== '' ? { receiptAt } : {}),
    ...withReplies(replyTargets(view).map((noticeId) => ({ noticeId }))),
    ...withSupplement(supplementOf(view)),
  };
}

/** What a withdrawal left of a notice, as its page shows it. */
export function withdrawnModelFrom(stored: WithdrawnViewJson): WithdrawnModel {
  const s = record(stored);
  const w = record(s.withdrawn);
  return {
    noticeId: str(s.noticeId),
    issuer: str(w.issuingAgency),
    withdrawalCode: enumName(w.withdrawalCode),
    reason: str(w.reason),
    issuedAt: str(w.issuedAt),
    withdrawnAt: str(w.withdrawnAt) || str(s.receivedAt),
    byNoticeId: str(w.byNoticeId),
    noticeIds: strings(w.noticeIds),
  };
}

/** A withdrawn notice's inbox row: its id, its issuer and when it came; the rest went with its content. */
export function withdrawnRowFrom(stored: WithdrawnViewJson, readByMe: boolean): InboxRow {
  const s = record(stored);
  return {
    noticeId: str(s.noticeId),
    tlp: parseTlp(undefined),
    type: '',
    caseRef: '',
    issuer: str(record(s.withdrawn).issuingAgency),
    receivedAt: str(s.receivedAt),
    readByMe: readByMe === true,
    handling: [],
    status: { state: 'withdrawn' },
  };
}

/** A stored view as one row of the inbox. */
export function inboxRowFrom(stored: StoredViewJson, readByMe: boolean): InboxRow {
  const s = record(stored);
  const core = record(record(s.view).core);
  return {
    noticeId: str(s.noticeId) || str(core.noticeId),
    tlp: parseTlp(core.tlp),
    type: enumName(core.type),
    caseRef: str(core.caseRef),
    issuer: str(core.issuingAgency),
    receivedAt: str(s.receivedAt) || str(record(s.view).receivedAt),
    readByMe: readByMe === true,
    handling: handlingOf(core),
    ...withReplies(replyTargets(record(s.view))),
  };
}
