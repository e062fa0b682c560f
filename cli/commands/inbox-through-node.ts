import {
  NodeClient,
  readableView,
  tombstoneOf,
  verifyBusSignedView,
  viewRecipient,
  readBusVerificationKey,
  type BusVerificationKey,
  type NodeFeedEntry,
  type NodeViewEntry,
  type RejectedView,
  type TombstoneRecord,
} from '../../libs/client/index.js';
import { readSecretFile } from '../../libs/config/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import { isLoopback } from '../../libs/node/index.js';
import { assertAgencyId } from '../../libs/registry/index.js';
import { EXIT, usageError, type ExitCode } from '../cli-errors.js';
import { formatItems, inboxDocument, type InboxItem } from '../inbox-output.js';

export interface InboxThroughNodeOptions {
  node: string;
  token: string;
  ca?: string;
  busPublicKey?: string;
  as?: string;
  receipt: boolean;
  json: boolean;
}

async function caFile(file: string): Promise<Buffer> {
  const pem = await readSecretFile(file, 'the CA certificate (--ca)');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new AccordError('E_CONFIG', `--ca ${file} holds no PEM certificate`);
  return pem;
}

/** Plain HTTP would carry the token and the views in clear: as the node itself, only on a loopback address. */
function assertTransport(url: string, ca: string | undefined): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`--node ${url}: expected a URL such as https://node.example.org`);
  }
  if (parsed.protocol === 'http:' && ca !== undefined) throw usageError('--ca is for an https:// node');
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname.replace(/^\[|\]$/g, ''))) {
    throw usageError(`--node ${url}: plain http:// would send the token in clear; use https:// (or a loopback address)`);
  }
}

/**
 * The node's agency as its views show it: every view a node holds is addressed to its
 * agency (the node refuses any other), and the recipient is inside the bytes the bus
 * signed. A node that holds no view yet cannot be told from another's: nothing is shown.
 */
function checkAgency(entry: NodeViewEntry | { signedView: string }, as: string | undefined, url: string): string | undefined {
  let recipient: string;
  try {
    recipient = viewRecipient(Buffer.from(entry.signedView, 'base64'));
  } catch {
    return as; // set aside below (with --bus-public-key) or shown as the node's word
  }
  if (as !== undefined && recipient !== as) throw usageError(`--as ${as}: the node at ${url} holds ${recipient}'s views`);
  return recipient;
}

async function check(entry: NodeViewEntry, bus: BusVerificationKey, agency: string): Promise<Record<string, unknown>> {
  const verified = await verifyBusSignedView(Buffer.from(entry.signedView, 'base64'), bus, agency);
  const signedId = verified.view.core?.noticeId ?? '';
  if (signedId !== entry.noticeId) {
    throw new AccordError('E_VIEW_INVALID', `view refused: the node lists it as notice ${entry.noticeId}, the bus signed ${signedId}`);
  }
  return readableView(verified);
}

/** A tombstone as the bus signed it, not as the node's copy of its record says. */
async function checkTombstone(signedView: string, bus: BusVerificationKey, agency: string): Promise<TombstoneRecord> {
  const tombstone = tombstoneOf(await verifyBusSignedView(Buffer.from(signedView, 'base64'), bus, agency));
  if (!tombstone) throw new AccordError('E_VIEW_INVALID', 'view refused: the node lists it as a tombstone, the bus signed a view');
  return tombstone;
}

/**
 * An entry of the node's feed to print: with the bus key, what the bus signed; what a
 * withdrawal left of a view has no signed bytes (its content is deleted), so it is the
 * node's word, which can only take content away.
 */
async function shownEntry(entry: NodeFeedEntry, bus: BusVerificationKey | undefined, agency: string): Promise<InboxItem> {
  if ('withdrawn' in entry) return entry;
  if ('tombstone' in entry) {
    return { deliverySeq: entry.deliverySeq, tombstone: bus ? await checkTombstone(entry.signedView, bus, agency) : entry.tombstone };
  }
  const view = bus ? await check(entry, bus, agency) : entry.view;
  return { deliverySeq: entry.deliverySeq, view, ...(entry.supersededBy ? { supersededBy: entry.supersededBy } : {}) };
}

/** `accord inbox --node URL`: the views an agency node holds, read with one of its API tokens. */
export async function inboxThroughNode(options: InboxThroughNodeOptions): Promise<ExitCode> {
  if (options.as !== undefined) assertAgencyId(options.as, '--as');
  assertTransport(options.node, options.ca);
  const client = new NodeClient(options.node, options.token, options.ca !== undefined ? { ca: await caFile(options.ca) } : {});
  const bus =
    options.busPublicKey !== undefined
      ? await readBusVerificationKey(options.busPublicKey, 'the bus public key (--bus-public-key)')
      : undefined;

  const shown: InboxItem[] = [];
  const readable: string[] = [];
  const rejected: RejectedView[] = [];
  let agency: string | undefined;
  for await (const page of client.viewPages()) {
    for (const entry of page) {
      if (!('withdrawn' in entry)) agency ??= checkAgency(entry, options.as, client.url);
      try {
        // A view that does not even name a recipient fails the check against the one asked for.
        shown.push(await shownEntry(entry, bus, agency ?? options.as ?? ''));
        if ('view' in entry) readable.push(entry.noticeId);
      } catch (error) {
        const reason = errorMessage(error);
        const signedView = 'signedView' in entry ? entry.signedView : '';
        rejected.push({ deliverySeq: entry.deliverySeq, storedAt: entry.receivedAt, reason, signedView });
        process.stderr.write(`view #${entry.deliverySeq} set aside: ${reason}\n`);
      }
    }
  }

  if (options.json) process.stdout.write(`${JSON.stringify(inboxDocument(shown, rejected))}\n`);
  else {
    process.stdout.write(formatItems(shown));
    const checked = bus
      ? "each checked here against the bus's signature"
      : 'as the node verified them (give --bus-public-key to check the bus signature here)';
    const withdrawn = shown.filter((s) => 'withdrawn' in s).length;
    const tombstones = shown.filter((s) => 'tombstone' in s).length;
    process.stderr.write(
      `${shown.length - withdrawn - tombstones} view(s) from ${client.url}, ${checked}; ` +
        `${withdrawn} withdrawn, ${tombstones} tombstone(s); ${rejected.length} set aside\n`,
    );
  }

  if (options.receipt) {
    const readers = new Set<string>();
    // A receipt for each notice read, not for a withdrawn one or a tombstone.
    const notices = [...new Set(readable)];
    for (const noticeId of notices) readers.add((await client.sendReceipt(noticeId)).reader);
    process.stderr.write(`read receipts sent for ${notices.length} notice(s)${readers.size ? ` as ${[...readers].join(', ')}` : ''}\n`);
  }
  return rejected.length > 0 ? EXIT.verificationFailed : EXIT.ok;
}
