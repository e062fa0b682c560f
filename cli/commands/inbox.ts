import {
  InboxStore,
  isWithdrawn,
  keepCheckpoints,
  pullInbox,
  readBusVerificationKey,
  readStackFile,
  registryKeys,
  sendReceipt,
} from '../../libs/client/index.js';
import { readJsonFile } from '../../libs/config/index.js';
import { assertAgencyId } from '../../libs/registry/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { stackLayout } from '../../libs/stack/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { formatItem, formatItems, inboxDocument, itemJson, type InboxItem } from '../inbox-output.js';
import { parseOptions, requireOption } from '../parse-options.js';
import { inboxThroughNode } from './inbox-through-node.js';

export const inboxCommand: Command = {
  name: 'inbox',
  summary: "fetch, verify and store the agency's new views; print them all (or read them through its node)",
  help: `Usage: accord inbox --as ID --dir DIR [--creds FILE] [--follow] [--officer NAME]
                    [--store DIR] [--json]
       accord inbox --node URL --token TOKEN [--ca FILE] [--bus-public-key FILE]
                    [--as ID] [--receipt] [--json]

Through NATS (--as, --dir): fetches the agency's new views, verifies the bus's signature
on each and the originating agency's on every original value, writes each to the
agency's local store before acknowledging it (so every officer reads it, not only the
first), then prints every stored view, oldest first. A view that fails verification is
set aside in the store's rejected/ folder and the exit status is 3.

A notice its issuer withdrew is deleted from the store: what is left of each of its views
is its id and the withdrawal (WITHDRAWN by the issuer, its code and scrubbed reason).
A notice the issuer updated is marked "superseded by" the new version, or, when the new
version was not shared with the agency, says so. A view answering or updating an earlier
notice says "reply to <id>" or "updates <id>".

  --as ID          the receiving agency
  --officer NAME   record a read receipt by this officer for each new view
  --follow         keep waiting for new views (Ctrl-C stops), printing each as it comes
  --store DIR      the local store (default: DIR/agencies/ID/inbox)
  --creds FILE     the liaison officers' NATS credentials (default: those in DIR)
  --json           one JSON document {"views", "withdrawn", "tombstones", "rejected"} (one
                   line per view or tombstone with --follow)

Through an agency node (--node): prints every view the node holds, oldest first, read
page by page with one of its API tokens (each read is in the node's read log). The
node verified each view in full before keeping it. Here, with --bus-public-key, the
bus's signature over each view is checked again, with everything it covers (the
recipient, each original value against the manifest in the view), and what is printed
is made from the bytes the bus signed, not from the node's copy. The originating
agencies' own signatures are not checked here: their keys are in the registry, which
only NATS reaches (for that check, read through NATS). Without --bus-public-key the
views are the node's word, vouched for by its TLS certificate. A view that fails the
check is set aside (listed under "rejected") and the exit status is 3.

  --node URL              the node, e.g. https://accord.police.example (plain http://
                          only on a loopback address)
  --token TOKEN           an API token of the node with the read scope (accord node
                          token create); other users of this machine can see it in ps
  --ca FILE               PEM CA certificate to trust for the node's HTTPS certificate
  --bus-public-key FILE   the bus's public JWK: check the bus's signature on each view
  --as ID                 the agency you expect: refused (exit 2) when the node's views
                          are addressed to another agency (a node with no view: no check)
  --receipt               send a read receipt for each notice printed (the token needs
                          the receipt scope; the node names the reader: token:NAME)
  --json                  the same document as through NATS

Examples:
  accord inbox --as ly-coastguard --dir ./stack
  accord inbox --node https://accord.coastguard.example --token "$TOKEN" --ca ca.pem --receipt`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      {
        as: { type: 'string' },
        dir: { type: 'string' },
        creds: { type: 'string' },
        follow: { type: 'boolean' },
        officer: { type: 'string' },
        store: { type: 'string' },
        json: { type: 'boolean' },
        node: { type: 'string' },
        token: { type: 'string' },
        ca: { type: 'string' },
        'bus-public-key': { type: 'string' },
        receipt: { type: 'boolean' },
      },
      { min: 0, max: 0, names: '' },
    );
    if (values.node !== undefined) {
      const natsOnly = (['dir', 'creds', 'follow', 'officer', 'store'] as const).filter((o) => values[o] !== undefined);
      if (natsOnly.length > 0) {
        throw usageError(
          `${natsOnly.map((o) => `--${o}`).join(', ')}: for reading through NATS, not with --node (a receipt there: --receipt)`,
        );
      }
      return inboxThroughNode({
        node: requireOption(values.node, 'node'),
        token: requireOption(values.token, 'token'),
        ...(values.ca !== undefined ? { ca: values.ca } : {}),
        ...(values['bus-public-key'] !== undefined ? { busPublicKey: values['bus-public-key'] } : {}),
        ...(values.as !== undefined ? { as: values.as } : {}),
        receipt: values.receipt ?? false,
        json: values.json ?? false,
      });
    }
    const nodeOnly = (['token', 'ca', 'bus-public-key', 'receipt'] as const).filter((o) => values[o] !== undefined);
    if (nodeOnly.length > 0) throw usageError(`${nodeOnly.map((o) => `--${o}`).join(', ')}: only with --node URL`);
    const as = requireOption(values.as, 'as');
    assertAgencyId(as, '--as');
    const dir = requireOption(values.dir, 'dir');
    const stack = readStackFile(dir);
    const bus = await readBusVerificationKey(stack.busPublicKey);
    const storeDir = values.store ?? stackLayout(dir).agencyStore(as);
    const store = new InboxStore(storeDir);
    const auditJwk = await parsePublicJwk(await readJsonFile(stack.auditPublicKey, 'the audit public key'), stack.auditPublicKey);
    const print = (item: InboxItem): void => {
      process.stdout.write(values.json ? `${JSON.stringify(itemJson(item))}\n` : `${formatItem(item)}\n\n`);
    };

    return withIdentity(
      dir,
      { kind: 'liaison', agency: as },
      values.creds,
      async ({ js, jsm }) => {
        const keys = { bus, originators: registryKeys(await jsm()) };
        const controller = new AbortController();
        if (values.follow) {
          process.once('SIGINT', () => controller.abort());
          process.once('SIGTERM', () => controller.abort());
        }
        const result = await pullInbox(js, as, keys, store, {
          follow: values.follow ?? false,
          signal: controller.signal,
          onView: (stored) => {
            if (values.follow) print(stored);
          },
          onTombstone: (tombstone) => {
            if (values.follow) print(tombstone);
          },
          onRejected: (rejected) => process.stderr.write(`view #${rejected.deliverySeq} set aside: ${rejected.reason}\n`),
        });
        const checkpoints = await keepCheckpoints(js, as, storeDir, await verificationKeyFromJwk(auditJwk));
        if (checkpoints.refused > 0) {
          process.stderr.write(`${checkpoints.refused} audit checkpoint(s) not signed by the audit key were not kept: tell your auditor\n`);
        }
        if (values.officer) {
          // A notice withdrawn in the same pull was not read: it is gone.
          const withdrawn = new Set(result.tombstones.flatMap((t) => (t.tombstone.kind === 'WITHDRAWAL' ? t.tombstone.noticeIds : [])));
          for (const stored of result.stored.filter((s) => !withdrawn.has(s.noticeId))) {
            await sendReceipt(js, as, stored.noticeId, values.officer);
          }
        }
        if (!values.follow) {
          const entries = store.entries();
          const items: InboxItem[] = [...entries, ...store.tombstones()];
          if (values.json) process.stdout.write(`${JSON.stringify(inboxDocument(items, result.rejected))}\n`);
          else {
            process.stdout.write(formatItems(items));
            const withdrawn = entries.filter(isWithdrawn).length;
            process.stderr.write(
              `${result.stored.length} new, ${entries.length - withdrawn} in the store (${withdrawn} withdrawn), ` +
                `${result.tombstones.length} new tombstone(s), ${result.rejected.length} set aside\n`,
            );
          }
        }
        return result.rejected.length > 0 ? EXIT.verificationFailed : EXIT.ok;
      },
      // Following for hours: ride out a server restart or the loss of a cluster node.
      { reconnect: values.follow ?? false },
    );
  },
};
