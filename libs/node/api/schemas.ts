import {
  DEFAULT_WITHDRAWAL_CODE,
  RELEASE_DAYS,
  WIDEN_TEXT_MAX_CHARS,
  WIDENABLE_CATEGORIES,
  WITHDRAWAL_REASON_MAX_CHARS,
} from '../../client/index.js';
import { withdrawalCodeNames } from '../../notice/index.js';

/**
 * JSON Schemas of the node's API: Fastify validates every request against them, and the
 * OpenAPI document is built from the same objects, so the two cannot drift apart.
 */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const NOTICE_ID = new RegExp(UUID_PATTERN);

/** A notice id as the API's paths take it (a UUID): anything else names no notice. */
export function isNoticeId(value: string): boolean {
  return NOTICE_ID.test(value);
}

export const NAME_PATTERN = '^[a-z0-9][a-z0-9._-]{0,63}$';
/** Printable ASCII without separators that could end a header or a log field. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9._:-]{8,128}$';

export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'stable Accord code, e.g. E_SCHEMA' },
    field: { type: 'string', description: 'the offending part: body/..., query/..., params/..., headers/...' },
  },
} as const;

export const noticeIdParams = {
  type: 'object',
  required: ['noticeId'],
  additionalProperties: false,
  properties: { noticeId: { type: 'string', pattern: UUID_PATTERN, description: 'the notice id (UUID)' } },
} as const;

export const nameParams = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', pattern: NAME_PATTERN } },
} as const;

export const noticeBody = {
  type: 'object',
  description:
    "The contract's notice JSON (proto3 JSON of accord.v1.CaseNotice, docs/wire-format.md). noticeId and issuedAt are filled in when absent; issuingAgency, when given, must be this node's agency.",
} as const;

export const relatedNoticeBody = {
  type: 'object',
  description:
    "The contract's notice JSON, as for POST /api/v1/notices; the relation to the notice in the path is added (a reply's addressees gain that notice's issuer). A noticeId equal to that notice's is taken as none: the new notice gets a fresh one (send an Idempotency-Key) and issuedAt now.",
} as const;

export const withdrawBody = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: {
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: WITHDRAWAL_REASON_MAX_CHARS,
      description: 'why, in plain text: it reaches every recipient, scrubbed of numbers, dates and identifiers; name no person',
    },
    code: { type: 'string', enum: withdrawalCodeNames(), description: `the withdrawal code (default ${DEFAULT_WITHDRAWAL_CODE})` },
    withdrawalId: {
      type: 'string',
      pattern: UUID_PATTERN,
      description: "the withdrawal notice's own id; without it, an Idempotency-Key header: a retry with either is the same submission",
    },
  },
} as const;

export const submitHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      pattern: IDEMPOTENCY_KEY_PATTERN,
      description: 'required when the body has no noticeId: a retry with the same key is the same submission',
    },
  },
} as const;

export const decisionSchema = {
  type: 'object',
  required: ['noticeId', 'status'],
  properties: {
    noticeId: { type: 'string' },
    status: { type: 'string', enum: ['accepted', 'quarantined', 'pending'] },
    code: { type: 'string' },
    path: { type: 'string' },
    reason: { type: 'string' },
    submittedAt: { type: 'string' },
    decidedAt: { type: 'string' },
  },
} as const;

export const viewsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cursor: { type: 'string', pattern: '^[0-9]{1,15}$', description: 'nextCursor of the previous page' },
    limit: { type: 'string', pattern: '^(?:[1-9][0-9]{0,2}|500)$', description: '1 to 500 (default 50)' },
  },
} as const;

export const loginBody = {
  type: 'object',
  required: ['name', 'password'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: NAME_PATTERN },
    password: { type: 'string', minLength: 1, maxLength: 256 },
    totp: { type: 'string', pattern: '^[0-9]{6}$', description: 'required for supervisors and admins' },
  },
} as const;

export const passwordBody = {
  type: 'object',
  required: ['newPassword'],
  additionalProperties: false,
  properties: {
    currentPassword: {
      type: 'string',
      minLength: 1,
      maxLength: 256,
      description: 'needed unless the session came from a one-time password',
    },
    newPassword: { type: 'string', minLength: 12, maxLength: 256 },
  },
} as const;

export const officerBody = {
  type: 'object',
  required: ['name', 'role'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: NAME_PATTERN },
    role: { type: 'string', enum: ['officer', 'supervisor', 'admin'] },
  },
} as const;

export const tokenBody = {
  type: 'object',
  required: ['name', 'scopes'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: NAME_PATTERN },
    scopes: { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: { type: 'string', enum: ['read', 'publish', 'receipt'] } },
  },
} as const;

export const readsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { since: { type: 'string', format: 'date-time' } },
} as const;

export const requestIdParams = {
  type: 'object',
  required: ['requestId'],
  additionalProperties: false,
  properties: { requestId: { type: 'string', pattern: UUID_PATTERN, description: 'the request to widen (UUID)' } },
} as const;

const widenText = (what: string) => ({ type: 'string', minLength: 1, maxLength: WIDEN_TEXT_MAX_CHARS, description: what }) as const;

export const widenRequestBody = {
  type: 'object',
  required: ['noticeId', 'categories', 'reason'],
  additionalProperties: false,
  properties: {
    noticeId: { type: 'string', pattern: UUID_PATTERN, description: 'a notice the agency received' },
    categories: {
      type: 'array',
      minItems: 1,
      maxItems: WIDENABLE_CATEGORIES.length,
      uniqueItems: true,
      items: { type: 'string', enum: WIDENABLE_CATEGORIES },
      description: 'the field categories asked for (not core)',
    },
    reason: widenText('why, for the issuer (plain text; the audit trail keeps only a keyed digest of it)'),
    requestId: {
      type: 'string',
      pattern: UUID_PATTERN,
      description: 'the request id (default: a fresh one); asking again with the same id is the same request',
    },
  },
} as const;

/** Bodies of optional fields only, with a default: they may be left out (the route takes `{}`). */
export const releaseBody = {
  type: 'object',
  default: {},
  additionalProperties: false,
  properties: {
    expiresInDays: {
      type: 'integer',
      minimum: 1,
      maximum: RELEASE_DAYS.max,
      description: `how long the release lasts (default ${RELEASE_DAYS.default} days)`,
    },
  },
} as const;

export const refuseBody = {
  type: 'object',
  default: {},
  additionalProperties: false,
  properties: { reason: widenText('why, for the requester') },
} as const;

export const widenRecordSchema = {
  type: 'object',
  required: ['requestId', 'noticeId', 'requester', 'issuer', 'categories', 'status'],
  properties: {
    requestId: { type: 'string' },
    noticeId: { type: 'string' },
    requester: { type: 'string', description: 'the asking agency, a recipient of the notice' },
    issuer: { type: 'string', description: "the notice's issuer, who releases or refuses" },
    categories: { type: 'array', items: { type: 'string' } },
    reason: { type: 'string' },
    status: { type: 'string', enum: ['PENDING', 'RELEASED', 'REFUSED'] },
    requestedAt: { type: 'string' },
    decidedAt: { type: 'string' },
    refusal: { type: 'string', description: "REFUSED: the issuer's word to the requester" },
    releaseDigest: { type: 'string', description: 'RELEASED: SHA-256 of the release bytes (base64)' },
    deliverySeq: { type: 'integer', description: "RELEASED: the supplementary view's delivery sequence" },
    expiresAt: { type: 'string', description: 'answering a release: when it ends' },
  },
} as const;

export const widenListSchema = {
  type: 'object',
  required: ['requests'],
  properties: { requests: { type: 'array', items: widenRecordSchema } },
} as const;

export const statisticsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    period: {
      type: 'string',
      pattern: '^[0-9]{4}-[0-9]{2}(?:-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?$',
      description: "a month (YYYY-MM: every period starting in it) or one period's start",
    },
    versions: { type: 'string', enum: ['latest', 'all'], description: 'the latest version of each period (default), or every version' },
    format: {
      type: 'string',
      enum: ['json', 'csv'],
      description: 'json (default): the releases, each verified by the node against the bus key; csv: one row per number',
    },
  },
} as const;
