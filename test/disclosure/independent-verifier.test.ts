import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { signRelease, verifySignedView } from '../../libs/client/index.js';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import { packageRoot } from '../../libs/stack/index.js';
import type { PublicJwk, SigningKey } from '../../libs/signing/index.js';
import { sampleNotice } from '../harness/sample-notice.js';
import { busSigned, deliveredView, parties, type Parties } from '../harness/view-fixture.js';

/*
 * A second verifier that shares no code with Accord's: protoc (Debian's protobuf-compiler)
 * decodes the messages from proto/, openssl checks the Ed25519 signatures and the SHA-256
 * digests. The test fails, never skips, when either tool is missing (make setup installs them).
 */

const work = mkdtempSync(join(tmpdir(), 'accord-independent-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(tool: string, args: string[], input?: Buffer): { status: number | null; stdout: string } {
  const r = spawnSync(tool, args, { input, encoding: 'buffer' });
  if (r.error) throw new Error(`${tool} is not installed (run make setup): ${r.error.message}`);
  return { status: r.status, stdout: r.stdout.toString('latin1') };
}

/** protoc --decode: the message as protobuf text format. */
function protocDecode(type: string, bytes: Buffer): string {
  const r = run(
    'protoc',
    [
      '-I',
      join(packageRoot(), 'proto'),
      '-I',
      '/usr/include',
      `--decode=accord.v1.${type}`,
      join(packageRoot(), 'proto/accord/v1/disclosure.proto'),
      join(packageRoot(), 'proto/accord/v1/view.proto'),
      join(packageRoot(), 'proto/accord/v1/widen.proto'),
    ],
    bytes,
  );
  expect(r.status, `protoc could not decode a ${type}`).toBe(0);
  return r.stdout;
}

/** The C-escaped string of protobuf text format, as bytes. */
function unescape(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c !== '\\') {
      out.push(c.charCodeAt(0));
      continue;
    }
    const n = text[++i] ?? '';
    if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(text[i + 1] ?? '')) oct += text[++i];
      out.push(parseInt(oct, 8));
    } else if (n === 'x') {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push({ n: 10, r: 13, t: 9, '"': 34, "'": 39, '\\': 92 }[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(out);
}

/** Top-level `name: "..."` fields (repeated ones in order). */
function fields(text: string, name: string): Buffer[] {
  return [...text.matchAll(new RegExp(`^${name}: "(.*)"$`, 'gm'))].map((m) => unescape(m[1] ?? ''));
}

function pemOf(jwk: PublicJwk): string {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(jwk.x, 'base64url')]);
  return `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`;
}

let files = 0;
function file(content: Buffer | string): string {
  const path = join(work, `f${files++}`);
  writeFileSync(path, content);
  return path;
}

/** openssl: an Ed25519 signature of a detached compact JWS over `payload`. */
function opensslVerifies(jws: string, payload: Buffer, jwk: PublicJwk): boolean {
  const [header = '', , signature = ''] = jws.split('.');
  const input = file(`${header}.${payload.toString('base64url')}`);
  const sig = file(Buffer.from(signature, 'base64url'));
  return run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', file(pemOf(jwk)), '-rawin', '-in', input, '-sigfile', sig]).status === 0;
}

function opensslSha256(bytes: Buffer): string {
  return run('openssl', ['dgst', '-sha256', '-binary', file(bytes)]).stdout;
}

/** The whole check, by protoc and openssl alone. */
function independentlyValid(signedView: Uint8Array, p: Parties): boolean {
  const signed = protocDecode('SignedView', Buffer.from(signedView));
  const [view] = fields(signed, 'view');
  const [busJws] = fields(signed, 'jws');
  if (!view || !busJws || !opensslVerifies(busJws.toString('latin1'), view, p.busJwk)) return false;
  const delivered = protocDecode('DeliveredView', view);
  const [manifest] = fields(delivered, 'manifest');
  const [manifestJws] = fields(delivered, 'manifest_jws');
  if (!manifest || !manifestJws || !opensslVerifies(manifestJws.toString('latin1'), manifest, p.originatorJwk)) return false;
  const digests = new Set(fields(protocDecode('NoticeManifest', manifest), 'digests').map((d) => d.toString('latin1')));
  // Under WITNESS_PROTECTION, for a recipient granted the witnesses: the protected manifest,
  // signed by the same originator and bound to the manifest by its SHA-256.
  const [protectedManifest] = fields(delivered, 'protected_manifest');
  if (protectedManifest) {
    const [protectedJws] = fields(delivered, 'protected_manifest_jws');
    if (!protectedJws || !opensslVerifies(protectedJws.toString('latin1'), protectedManifest, p.originatorJwk)) return false;
    const decoded = protocDecode('ProtectedManifest', protectedManifest);
    const [bound] = fields(decoded, 'manifest_digest');
    if (!bound || bound.toString('latin1') !== opensslSha256(manifest)) return false;
    for (const d of fields(decoded, 'digests')) digests.add(d.toString('latin1'));
  }
  if (!supplementValid(delivered, p)) return false;
  const granted = new Set([...delivered.matchAll(/^ {2}path: "(.*)"$/gm)].map((m) => unescape(m[1] ?? '').toString('utf8')));
  return fields(delivered, 'disclosures').every((d) => {
    const [path] = fields(protocDecode('Disclosure', d), 'path');
    return digests.has(opensslSha256(d)) && granted.has(path?.toString('utf8') ?? '');
  });
}

/** `name: "..."` fields one level down (in a nested message). */
function nestedFields(text: string, name: string): Buffer[] {
  return [...text.matchAll(new RegExp(`^ {2}${name}: "(.*)"$`, 'gm'))].map((m) => unescape(m[1] ?? ''));
}

/** A supplementary view's release: signed by the originator, for this notice and this recipient. */
function supplementValid(delivered: string, p: Parties): boolean {
  if (!/^supplement \{$/m.test(delivered)) return true;
  const [release] = nestedFields(delivered, 'release');
  const [releaseJws] = nestedFields(delivered, 'release_jws');
  if (!release || !releaseJws || !opensslVerifies(releaseJws.toString('latin1'), release, p.originatorJwk)) return false;
  const terms = protocDecode('Release', release);
  const [noticeId] = nestedFields(delivered, 'notice_id');
  return (
    fields(terms, 'recipient')[0]?.toString('utf8') === 'ly-coastguard' &&
    fields(terms, 'notice_id')[0]?.equals(noticeId ?? Buffer.alloc(0)) === true
  );
}

async function accordValid(signedView: Uint8Array, p: Parties): Promise<boolean> {
  return verifySignedView(signedView, p.busKey, 'ly-coastguard', p.originators).then(
    () => true,
    () => false,
  );
}

describe('openssl and protoc agree with Accord on a view', () => {
  test('a valid view: both accept it', async () => {
    const p = await parties();
    const signed = await busSigned(
      p,
      await deliveredView(p, sampleNotice('it-police'), ['person.profile', 'smuggler.identity', 'conveyance']),
    );
    expect({ accord: await accordValid(signed, p), independent: independentlyValid(signed, p) }).toEqual({
      accord: true,
      independent: true,
    });
  });

  test('a view whose disclosed value the bus changed (and re-signed): both refuse it', async () => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police'), ['person.profile', 'smuggler.identity']);
    const i = view.disclosures.findIndex((d) => v1.Disclosure.decode(d).personIdentity);
    const d = v1.Disclosure.decode(view.disclosures[i] ?? new Uint8Array());
    // oxlint-disable-next-line typescript/no-misused-spread -- a decoded protobufjs message holds its fields as own properties: spreading it copies them, which is all create() and encode() need
    view.disclosures[i] = v1.Disclosure.encode({ ...d, personIdentity: { ...d.personIdentity, phone: '+39 000 0000000' } }).finish();
    const signed = await busSigned(p, view);
    expect({ accord: await accordValid(signed, p), independent: independentlyValid(signed, p) }).toEqual({
      accord: false,
      independent: false,
    });
  });

  test('a view of a marked-up summary (template and spans as the originator made them): both accept it', async () => {
    const p = await parties();
    const summary =
      'Skipper {{persons[0]}} took {{persons[1]}} aboard. {{smuggler.identity:His brother runs the boats.}} {{migrant.identity:Her uncle paid.}}';
    const view = await deliveredView(p, sampleNotice('it-police', { summary }), ['person.profile', 'smuggler.identity', 'summary']);
    expect(
      view.granted
        .map((g) => (g.path ?? '').replace(/\/[A-Za-z0-9_-]{16,}$/, '/<id>'))
        .filter((g) => g.startsWith('summary'))
        .sort(),
    ).toEqual(['summary/spans/<id>', 'summary/template']);
    const signed = await busSigned(p, view);
    expect({ accord: await accordValid(signed, p), independent: independentlyValid(signed, p) }).toEqual({
      accord: true,
      independent: true,
    });
  });

  test('a view whose summary template the bus rewrote (and re-signed): both refuse it', async () => {
    const p = await parties();
    const view = await deliveredView(p, sampleNotice('it-police', { summary: 'Skipper {{persons[0]}} took {{persons[1]}} aboard.' }), [
      'person.profile',
      'smuggler.identity',
      'summary',
    ]);
    const i = view.disclosures.findIndex((d) => v1.Disclosure.decode(d).summaryTemplate);
    const d = v1.Disclosure.decode(view.disclosures[i] ?? new Uint8Array());
    // oxlint-disable-next-line typescript/no-misused-spread -- a decoded protobufjs message holds its fields as own properties: spreading it copies them, which is all create() and encode() need
    view.disclosures[i] = v1.Disclosure.encode({ ...d, summaryTemplate: `${d.summaryTemplate ?? ''} Nothing else happened.` }).finish();
    const signed = await busSigned(p, view);
    expect({ accord: await accordValid(signed, p), independent: independentlyValid(signed, p) }).toEqual({
      accord: false,
      independent: false,
    });
  });

  test('a WITNESS_PROTECTION view for an addressed prosecutor, with the protected manifest: both accept it', async () => {
    const p = await parties();
    const notice = sampleNotice('it-police', { caveats: [v1.Caveat.WITNESS_PROTECTION], addressees: ['ly-coastguard'] });
    const view = await deliveredView(p, notice, ['person.profile', 'smuggler.identity', 'witness.identity']);
    expect(view.protectedManifest.length).toBeGreaterThan(0);
    const signed = await busSigned(p, view);
    expect({ accord: await accordValid(signed, p), independent: independentlyValid(signed, p) }).toEqual({
      accord: true,
      independent: true,
    });
  });

  test("a view carrying another notice's protected manifest (re-signed by the bus): both refuse it", async () => {
    const p = await parties();
    const notice = sampleNotice('it-police', { caveats: [v1.Caveat.WITNESS_PROTECTION] });
    const view = await deliveredView(p, notice, ['person.profile', 'witness.identity']);
    const other = await deliveredView(
      p,
      sampleNotice('it-police', { caveats: [v1.Caveat.WITNESS_PROTECTION], noticeId: notice.noticeId ?? '' }),
      ['person.profile', 'witness.identity'],
    );
    view.protectedManifest = other.protectedManifest;
    view.protectedManifestJws = other.protectedManifestJws;
    const signed = await busSigned(p, view);
    expect({ accord: await accordValid(signed, p), independent: independentlyValid(signed, p) }).toEqual({
      accord: false,
      independent: false,
    });
  });

  test('a view whose bytes changed after the bus signed: both refuse it', async () => {
    const p = await parties();
    const signed = Buffer.from(await busSigned(p, await deliveredView(p, sampleNotice('it-police'), ['person.profile'])));
    const at = signed.indexOf(Buffer.from('ly-coastguard'));
    signed[at] = 'x'.charCodeAt(0);
    expect({ accord: await accordValid(signed, p), independent: independentlyValid(signed, p) }).toEqual({
      accord: false,
      independent: false,
    });
  });

  test("a supplementary view, with the issuer's release: both accept it", async () => {
    const p = await parties();
    const signed = await busSigned(p, await supplementaryView(p, p.originator));
    expect({ accord: await accordValid(signed, p), independent: independentlyValid(signed, p) }).toEqual({
      accord: true,
      independent: true,
    });
  });

  test('a supplementary view whose release another key signed (the bus re-signing the view): both refuse it', async () => {
    const p = await parties();
    const other = await parties();
    const signed = await busSigned(p, await supplementaryView(p, other.originator));
    expect({ accord: await accordValid(signed, p), independent: independentlyValid(signed, p) }).toEqual({
      accord: false,
      independent: false,
    });
  });
});

/** A view widened by a release of smuggler.identity, the release signed with `key`. */
async function supplementaryView(p: Parties, key: SigningKey): Promise<v1.DeliveredView> {
  const view = await deliveredView(p, sampleNotice('it-police'), ['person.profile', 'smuggler.identity']);
  const requestId = '7d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a';
  const { release, releaseJws } = await signRelease(
    {
      requestId,
      noticeId: view.core?.noticeId ?? '',
      recipient: 'ly-coastguard',
      categories: ['smuggler.identity'],
      expiresAt: timestampFromDate(new Date(Date.now() + 86_400_000)),
    },
    key,
  );
  view.supplement = { requestId, release, releaseJws };
  return view;
}
