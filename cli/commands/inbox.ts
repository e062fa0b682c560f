import {
  InboxStore,
  keepCheckpoints,
  pullInbox,
  readStackFile,
  registryKeys,
  sendReceipt,
  type StoredView,
} from '../../libs/client/index.js';
import { readJsonFile } from '../../libs/config/index.js';
import { assertAgencyId } from '../../libs/registry/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { stackLayout } from '../../libs/stack/index.js';
import { EXIT } from '../cli-errors.js';
import type { Command } from '../command.js';
import { withIdentity } from '../connect-stack.js';
import { formatView } from '../format-view.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const inboxCommand: Command = {
  name: 'inbox',
  summary: "fetch, verify and store the agency's new views; print them all",
  help: `Usage: accord inbox --as ID --dir DIR [--creds FILE] [--follow] [--officer NAME]
                    [--store DIR] [--json]

Fetches the agency's new views, verifies the bus's signature on each, writes each to
the agency's local store before acknowledging it (so every officer reads it, not only
the first), then prints every stored view, oldest first. A view that fails
verification is set aside in the store's rejected/ folder and the exit status is 3.

  --as ID          the receiving agency
  --officer NAME   record a read receipt by this officer for each new view
  --follow         keep waiting for new views (Ctrl-C stops), printing each as it comes
  --store DIR      the local store (default: DIR/agencies/ID/inbox)
  --creds FILE     the liaison officers' NATS credentials (default: those in DIR)
  --json           one JSON document {"views": [...], "rejected": [...]} (one per line with --follow)`,
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
      },
      { min: 0, max: 0, names: '' },
    );
    const as = requireOption(values.as, 'as');
    assertAgencyId(as, '--as');
    const dir = requireOption(values.dir, 'dir');
    const stack = readStackFile(dir);
    const busJwk = await parsePublicJwk(await readJsonFile(stack.busPublicKey, 'the bus public key'), stack.busPublicKey);
    const bus = { kid: busJwk.kid, key: await verificationKeyFromJwk(busJwk) };
    const storeDir = values.store ?? stackLayout(dir).agencyStore(as);
    const store = new InboxStore(storeDir);
    const auditJwk = await parsePublicJwk(await readJsonFile(stack.auditPublicKey, 'the audit public key'), stack.auditPublicKey);
    const print = (stored: StoredView): void => {
      process.stdout.write(values.json ? `${JSON.stringify(stored.view)}\n` : `${formatView(stored)}\n\n`);
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
          onRejected: (rejected) => process.stderr.write(`view #${rejected.deliverySeq} set aside: ${rejected.reason}\n`),
        });
        const checkpoints = await keepCheckpoints(js, as, storeDir, await verificationKeyFromJwk(auditJwk));
        if (checkpoints.refused > 0) {
          process.stderr.write(`${checkpoints.refused} audit checkpoint(s) not signed by the audit key were not kept: tell your auditor\n`);
        }
        if (values.officer) {
          for (const stored of result.stored) await sendReceipt(js, as, stored.noticeId, values.officer);
        }
        if (!values.follow) {
          const all = store.list();
          if (values.json) process.stdout.write(`${JSON.stringify({ views: all.map((s) => s.view), rejected: result.rejected })}\n`);
          else {
            for (const stored of all) print(stored);
            process.stderr.write(`${result.stored.length} new, ${all.length} in the store, ${result.rejected.length} set aside\n`);
          }
        }
        return result.rejected.length > 0 ? EXIT.verificationFailed : EXIT.ok;
      },
      // Following for hours: ride out a server restart or the loss of a cluster node.
      { reconnect: values.follow ?? false },
    );
  },
};
