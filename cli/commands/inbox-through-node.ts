import {
  NodeClient,
  readableView,
  verifyBusSignedView,
  viewRecipient,
  type BusVerificationKey,
  type NodeViewEntry,
  type RejectedView,
} from '../../libs/client/index.js';
import { readJsonFile, readSecretFile } from '../../libs/config/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import { isLoopback } from '../../libs/node/index.js';
import { assertAgencyId } from '../../libs/registry/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { EXIT, usageError, type ExitCode } from '../cli-errors.js';
import { formatView } from '../format-view.js';

export interface InboxThroughNodeOptions {
  node: string;
  token: string;
  ca?: string;
  busPublicKey?: string;
  as?: string;
  receipt: boolean;
  json: boolean;
}

/** A view to print: the node's readable form, or the one made here from the bytes the bus signed. */
interface Shown {
  deliverySeq: number;
  noticeId: string;
  view: Record<string, unknown>;
}

async function busKey(file: string): Promise<BusVerificationKey> {
  const jwk = await parsePublicJwk(await readJsonFile(file, 'the bus public key (--bus-public-key)'), file);
  return { kid: jwk.kid, key: await verificationKeyFromJwk(jwk) };
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
function checkAgency(entry: NodeViewEntry, as: string | undefined, url: string): string | undefined {
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

/** `accord inbox --node URL`: the views an agency node holds, read with one of its API tokens. */
export async function inboxThroughNode(options: InboxThroughNodeOptions): Promise<ExitCode> {
  if (options.as !== undefined) assertAgencyId(options.as, '--as');
  assertTransport(options.node, options.ca);
  const client = new NodeClient(options.node, options.token, options.ca !== undefined ? { ca: await caFile(options.ca) } : {});
  const bus = options.busPublicKey !== undefined ? await busKey(options.busPublicKey) : undefined;

  const shown: Shown[] = [];
  const rejected: RejectedView[] = [];
  let agency: string | undefined;
  for await (const page of client.viewPages()) {
    for (const entry of page) {
      agency ??= checkAgency(entry, options.as, client.url);
      if (!bus) {
        shown.push({ deliverySeq: entry.deliverySeq, noticeId: entry.noticeId, view: entry.view });
        continue;
      }
      try {
        // A view that does not even name a recipient fails the check against the one asked for.
        const view = await check(entry, bus, agency ?? options.as ?? '');
        shown.push({ deliverySeq: entry.deliverySeq, noticeId: entry.noticeId, view });
      } catch (error) {
        const reason = errorMessage(error);
        rejected.push({ deliverySeq: entry.deliverySeq, storedAt: entry.receivedAt, reason, signedView: entry.signedView });
        process.stderr.write(`view #${entry.deliverySeq} set aside: ${reason}\n`);
      }
    }
  }

  if (options.json) process.stdout.write(`${JSON.stringify({ views: shown.map((s) => s.view), rejected })}\n`);
  else {
    for (const s of shown) process.stdout.write(`${formatView(s)}\n\n`);
    const checked = bus
      ? "each checked here against the bus's signature"
      : 'as the node verified them (give --bus-public-key to check the bus signature here)';
    process.stderr.write(`${shown.length} view(s) from ${client.url}, ${checked}; ${rejected.length} set aside\n`);
  }

  if (options.receipt) {
    const readers = new Set<string>();
    const notices = [...new Set(shown.map((s) => s.noticeId))];
    for (const noticeId of notices) readers.add((await client.sendReceipt(noticeId)).reader);
    process.stderr.write(`read receipts sent for ${notices.length} notice(s)${readers.size ? ` as ${[...readers].join(', ')}` : ''}\n`);
  }
  return rejected.length > 0 ? EXIT.verificationFailed : EXIT.ok;
}
