import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccordError, errorMessage } from '../errors/index.js';

export interface TlsMaterial {
  caFile: string;
  certFile: string;
  keyFile: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new AccordError('E_CONFIG', `openssl ${args[0]} failed (is openssl installed?): ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * A CA of the stack's own and a server certificate for 127.0.0.1 and localhost, made with
 * openssl (Node cannot issue X.509 certificates). Clients verify the server against the
 * CA. Made once per stack; private keys readable by the owner only.
 */
export function ensureTlsMaterial(dir: string): TlsMaterial {
  const material = { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server-key.pem') };
  if (existsSync(material.caFile) && existsSync(material.certFile) && existsSync(material.keyFile)) return material;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=Accord stack CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  openssl(['req', ...ec, '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=accord-nats'], dir);
  writeFileSync(join(dir, 'server-ext.cnf'), [
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    'extendedKeyUsage=serverAuth',
    'keyUsage=critical,digitalSignature',
    'basicConstraints=critical,CA:FALSE',
    '',
  ].join('\n'));
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'server.pem',
    '-days', '825', '-extfile', 'server-ext.cnf'], dir);
  for (const leftover of ['server.csr', 'server-ext.cnf', 'ca.srl']) rmSync(join(dir, leftover), { force: true });
  return material;
}
