import { existsSync, writeFileSync } from 'node:fs';
import { writeSecretFile } from '../../libs/config/index.js';
import { generateSigningKeyPair } from '../../libs/signing/index.js';
import { EXIT, usageError } from '../cli-errors.js';
import type { Command } from '../command.js';
import { parseOptions, requireOption } from '../parse-options.js';

export const keysGenerateCommand: Command = {
  name: 'keys generate',
  summary: "make an agency's own Ed25519 signing key pair",
  help: `Usage: accord keys generate --out FILE [--force] [--json]

Writes the private JWK to FILE (mode 0600) and the public JWK to FILE.pub; both carry
the key's kid (its RFC 7638 thumbprint). Keep FILE at the agency; give the bus only
FILE.pub (\`accord agency add ID ... --public-key FILE.pub\`).

  --out FILE   where to write the private key
  --force      replace existing files`,
  async run(argv) {
    const { values } = parseOptions(
      argv,
      { out: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
      { min: 0, max: 0, names: '' },
    );
    const out = requireOption(values.out, 'out');
    if (!values.force && (existsSync(out) || existsSync(`${out}.pub`))) {
      throw usageError(`${out} or ${out}.pub exists; pass --force to replace it`);
    }
    const { privateJwk, publicJwk } = await generateSigningKeyPair();
    writeSecretFile(out, `${JSON.stringify(privateJwk, null, 2)}\n`);
    writeFileSync(`${out}.pub`, `${JSON.stringify(publicJwk, null, 2)}\n`);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ kid: publicJwk.kid, privateKey: out, publicKey: `${out}.pub` })}\n`
        : `kid ${publicJwk.kid}\nprivate key: ${out} (keep it at the agency)\npublic key:  ${out}.pub\n`,
    );
    return EXIT.ok;
  },
};
