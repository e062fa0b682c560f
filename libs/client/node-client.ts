import { AccordError, errorMessage, type AccordErrorCode } from '../errors/index.js';
import type { Withdrawal } from './inbox-store.js';
import type { Supersession, TombstoneRecord } from './notice-relations.js';
import { nodeRequest, type NodeAnswer } from './node-request.js';

/** Limits and transport settings of a NodeClient: what another machine answers is input. */
export interface NodeClientOptions {
  /** PEM CA certificate(s) to trust for an https:// node instead of the system's (a CA of the agency's own). */
  ca?: string | Buffer;
  /** Each request's time limit, connecting included. */
  timeoutMs: number;
  /** A larger answer is refused before it is parsed. */
  maxResponseBytes: number;
  /** Views asked for per page (the node allows 1 to 500). */
  pageSize: number;
}

export const NODE_CLIENT_DEFAULTS: Readonly<Omit<NodeClientOptions, 'ca'>> = {
  timeoutMs: 30_000,
  maxResponseBytes: 64 * 1024 * 1024,
  pageSize: 100,
};

/** A view as the node serves it: verified by the node, its SignedView bytes beside it for anyone to verify again. */
export interface NodeViewEntry {
  deliverySeq: number;
  noticeId: string;
  receivedAt: string;
  /** The readable form the node made of it. */
  view: Record<string, unknown>;
  /** The view as the bus delivered it (accord.v1.SignedView, base64). */
  signedView: string;
  /** The node's word that a newer version supersedes it (or that one exists, not shared with the agency). */
  supersededBy?: Supersession;
}

/** What a withdrawal left of a view on the node: the notice's id and the withdrawal, no content. */
export interface NodeWithdrawnEntry {
  deliverySeq: number;
  noticeId: string;
  receivedAt: string;
  withdrawn: Withdrawal;
}

/** A tombstone the node holds, its SignedView bytes beside it. */
export interface NodeTombstoneEntry {
  deliverySeq: number;
  receivedAt: string;
  tombstone: TombstoneRecord;
  signedView: string;
}

/** One delivery of the node's feed (GET /api/v1/views). */
export type NodeFeedEntry = NodeViewEntry | NodeWithdrawnEntry | NodeTombstoneEntry;

/** A read receipt the node sent to the issuer, under the name the node chose (a token's system, an officer). */
export interface NodeReceipt {
  noticeId: string;
  reader: string;
  readAt: string;
}

/** The problem codes a caller may act on, kept as they are; any other refusal becomes E_REQUEST_INVALID or E_UNAVAILABLE. */
const KEPT_CODES = new Set<string>([
  'E_REQUEST_INVALID',
  'E_UNAUTHENTICATED',
  'E_FORBIDDEN',
  'E_NOT_FOUND',
  'E_CONFLICT',
  'E_RATE_LIMITED',
  'E_UNAVAILABLE',
  'E_TIMEOUT',
]);

interface ProblemShape {
  code: string;
  detail: string;
}

function asProblem(answer: NodeAnswer): ProblemShape | undefined {
  if (!answer.contentType.startsWith('application/problem+json')) return undefined;
  try {
    const body = JSON.parse(answer.text) as { code?: unknown; detail?: unknown };
    if (typeof body.code === 'string' && typeof body.detail === 'string') return { code: body.code, detail: body.detail };
  } catch {
    // Not JSON after all: reported below as a non-problem answer.
  }
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A tombstone record from the node's JSON, or undefined when it is not one. */
function tombstoneRecord(v: unknown): TombstoneRecord | undefined {
  if (!isObject(v) || (v.kind !== 'UPDATE' && v.kind !== 'WITHDRAWAL')) return undefined;
  const strings = ['byNoticeId', 'issuingAgency', 'issuedAt'] as const;
  if (strings.some((k) => typeof v[k] !== 'string')) return undefined;
  if (!Array.isArray(v.noticeIds) || !v.noticeIds.every((id) => typeof id === 'string')) return undefined;
  return {
    kind: v.kind,
    byNoticeId: v.byNoticeId as string,
    issuingAgency: v.issuingAgency as string,
    issuedAt: v.issuedAt as string,
    noticeIds: v.noticeIds as string[],
    ...(typeof v.withdrawalCode === 'string' ? { withdrawalCode: v.withdrawalCode } : {}),
    ...(typeof v.reason === 'string' ? { reason: v.reason } : {}),
  };
}

/** The node's words, on one line and not too long, for an error message. */
const quote = (text: string): string => JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}...` : text);

/**
 * A client of an agency node's HTTP API with an API token (Authorization: Bearer). It
 * takes what the node answers as input: shapes are checked, sizes limited, refusals
 * turned into AccordErrors whose code says what to do (E_UNAUTHENTICATED: the token is
 * refused; E_FORBIDDEN: it lacks the scope; E_UNAVAILABLE: the node cannot be reached or
 * does not answer as a node).
 */
export class NodeClient {
  private readonly base: URL;
  private readonly options: NodeClientOptions;

  constructor(
    baseUrl: string,
    private readonly token: string,
    options: Partial<NodeClientOptions> = {},
  ) {
    let base: URL;
    try {
      base = new URL(baseUrl);
    } catch {
      throw new AccordError('E_USAGE', `${baseUrl} is not a URL: expected https://node.example.org or http://127.0.0.1:8470`);
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new AccordError('E_USAGE', `${baseUrl}: expected an http:// or https:// URL`);
    }
    if (base.username || base.password) throw new AccordError('E_USAGE', `${base.origin}: give the token apart, not in the URL`);
    if (!/^[\x21-\x7e]+$/.test(token)) throw new AccordError('E_USAGE', 'the token is empty or holds spaces or control characters');
    // A node behind a reverse proxy may live under a path: /accord/ + api/v1/views.
    if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
    base.search = '';
    base.hash = '';
    this.base = base;
    this.options = { ...NODE_CLIENT_DEFAULTS, ...options };
  }

  /** The node's address as given, for messages. */
  get url(): string {
    return this.base.href.replace(/\/$/, '');
  }

  /**
   * Every view the node holds for the token, oldest first, a page at a time (following
   * nextCursor to the end). The node records each read under the token's name.
   */
  async *viewPages(): AsyncGenerator<NodeFeedEntry[]> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(this.options.pageSize), ...(cursor ? { cursor } : {}) });
      const body = await this.call('GET', `api/v1/views?${query.toString()}`, 'read views');
      const { views, nextCursor } = this.viewPage(body);
      yield views;
      if (nextCursor !== undefined && seen.has(nextCursor)) {
        throw new AccordError('E_STATE', `the node at ${this.url} gave cursor ${nextCursor} twice: its pages do not advance`);
      }
      if (nextCursor !== undefined) seen.add(nextCursor);
      cursor = nextCursor;
    } while (cursor !== undefined);
  }

  /** All views, every page read: for a caller that needs them at once. */
  async listViews(): Promise<NodeFeedEntry[]> {
    const all: NodeFeedEntry[] = [];
    for await (const page of this.viewPages()) all.push(...page);
    return all;
  }

  /** A read receipt for the notice, sent by the node to its issuer (the token needs the receipt scope). */
  async sendReceipt(noticeId: string): Promise<NodeReceipt> {
    const body = await this.call('POST', `api/v1/views/${encodeURIComponent(noticeId)}/receipts`, `give a receipt for ${noticeId}`);
    if (!isObject(body) || typeof body.reader !== 'string' || typeof body.readAt !== 'string' || body.noticeId !== noticeId) {
      throw this.notANode('its receipt answer lacks noticeId, reader or readAt');
    }
    return { noticeId, reader: body.reader, readAt: body.readAt };
  }

  private viewPage(body: unknown): { views: NodeFeedEntry[]; nextCursor?: string } {
    if (!isObject(body) || !Array.isArray(body.views)) throw this.notANode('its answer has no views array');
    const views = body.views.map((v: unknown, i): NodeFeedEntry => this.feedEntry(v, `views[${i}]`));
    const next = body.nextCursor;
    if (next === undefined) return { views };
    if (typeof next !== 'string' || !/^[0-9]{1,15}$/.test(next)) throw this.notANode('its nextCursor is not a cursor');
    return { views, nextCursor: next };
  }

  private feedEntry(v: unknown, where: string): NodeFeedEntry {
    if (!isObject(v) || !Number.isSafeInteger(v.deliverySeq) || typeof v.receivedAt !== 'string') {
      throw this.notANode(`${where} lacks deliverySeq or receivedAt`);
    }
    const ids = { deliverySeq: v.deliverySeq as number, receivedAt: v.receivedAt };
    if (v.tombstone !== undefined) {
      const tombstone = tombstoneRecord(v.tombstone);
      if (!tombstone || typeof v.signedView !== 'string') throw this.notANode(`${where} is a tombstone without its record or signedView`);
      return { ...ids, tombstone, signedView: v.signedView };
    }
    if (typeof v.noticeId !== 'string') throw this.notANode(`${where} lacks noticeId`);
    if (v.withdrawn !== undefined) {
      const record = tombstoneRecord(v.withdrawn);
      if (!record || !isObject(v.withdrawn) || typeof v.withdrawn.withdrawnAt !== 'string') {
        throw this.notANode(`${where} is withdrawn without a withdrawal record`);
      }
      return { ...ids, noticeId: v.noticeId, withdrawn: { ...record, withdrawnAt: v.withdrawn.withdrawnAt } };
    }
    if (!isObject(v.view) || typeof v.signedView !== 'string') throw this.notANode(`${where} lacks view or signedView`);
    const by = v.supersededBy;
    const supersededBy =
      isObject(by) && typeof by.noticeId === 'string' && typeof by.shared === 'boolean'
        ? { noticeId: by.noticeId, shared: by.shared }
        : undefined;
    return { ...ids, noticeId: v.noticeId, view: v.view, signedView: v.signedView, ...(supersededBy ? { supersededBy } : {}) };
  }

  private notANode(what: string): AccordError {
    return new AccordError('E_STATE', `the node at ${this.url} does not answer as an Accord node: ${what}`);
  }

  private async call(method: 'GET' | 'POST', path: string, doing: string): Promise<unknown> {
    const url = new URL(path, this.base);
    let answer: NodeAnswer;
    try {
      answer = await nodeRequest(url, {
        method,
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
        timeoutMs: this.options.timeoutMs,
        maxResponseBytes: this.options.maxResponseBytes,
        ...(this.options.ca !== undefined ? { ca: this.options.ca } : {}),
      });
    } catch (error) {
      throw this.unreachable(error);
    }
    if (answer.status >= 200 && answer.status < 300) {
      try {
        return JSON.parse(answer.text) as unknown;
      } catch {
        throw this.notANode(`it answered ${answer.status} ${answer.contentType || 'with no content type'}, not JSON`);
      }
    }
    throw this.refusal(answer, doing);
  }

  private refusal(answer: NodeAnswer, doing: string): AccordError {
    const p = asProblem(answer);
    if (!p) {
      return new AccordError(
        'E_UNAVAILABLE',
        `the node at ${this.url} answered ${answer.status} ${answer.contentType || 'with no content type'}, not a problem document: is this the node's address?`,
        { retryable: answer.status >= 500 },
      );
    }
    const said = `${p.code}: ${quote(p.detail)}`;
    if (answer.status === 401) return new AccordError('E_UNAUTHENTICATED', `the node at ${this.url} refuses the token (${said})`);
    if (answer.status === 403) {
      return new AccordError('E_FORBIDDEN', `the node at ${this.url} does not let this token ${doing} (${said})`);
    }
    const code: AccordErrorCode = KEPT_CODES.has(p.code)
      ? (p.code as AccordErrorCode)
      : answer.status >= 500
        ? 'E_UNAVAILABLE'
        : 'E_REQUEST_INVALID';
    return new AccordError(code, `the node at ${this.url} could not ${doing}: ${answer.status} ${said}`, {
      retryable: answer.status >= 500 || answer.status === 429,
    });
  }

  private unreachable(error: unknown): AccordError {
    if (error instanceof AccordError) return error;
    const code = (error as { code?: unknown }).code;
    const tls = typeof code === 'string' && /CERT|SSL|TLS|SELF_SIGNED|ALTNAME|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
    const why = tls
      ? `its certificate is not trusted (${errorMessage(error)}): give the CA that issued it`
      : `${errorMessage(error)}${typeof code === 'string' && !errorMessage(error).includes(code) ? ` (${code})` : ''}`;
    return new AccordError('E_UNAVAILABLE', `cannot reach the node at ${this.url}: ${why}`, { retryable: !tls, cause: error });
  }
}
