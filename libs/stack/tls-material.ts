import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccordError, errorMessage } from '../errors/index.js';

export interface TlsMaterial {
  caFile: string;
  certFile: string;
  keyFile: string;
  /** For the routes between the nodes of a cluster: both server and client (mutual TLS). */
  routeCertFile: string;
  routeKeyFile: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new AccordError('E_CONFIG', `openssl ${args[0]} failed (is openssl installed?): ${errorMessage(error)}`, { cause: error });
  }
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** A certificate for 127.0.0.1 and localhost, issued by the stack's CA. */
function issueCertificate(dir: string, name: string, commonName: string, extendedKeyUsage: string): void {
  openssl(['req', ...EC, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', `/CN=${commonName}`], dir);
  writeFileSync(
    join(dir, `${name}-ext.cnf`),
    [
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      `extendedKeyUsage=${extendedKeyUsage}`,
      'keyUsage=critical,digitalSignature',
      'basicConstraints=critical,CA:FALSE',
      '',
    ].join('\n'),
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '825',
      '-extfile',
      `${name}-ext.cnf`,
    ],
    dir,
  );
  for (const leftover of [`${name}.csr`, `${name}-ext.cnf`, 'ca.srl']) rmSync(join(dir, leftover), { force: true });
}

/**
 * A CA of the stack's own, a server certificate for 127.0.0.1 and localhost, and one for
 * the routes of a cluster, made with openssl (Node cannot issue X.509 certificates).
 * Clients verify the server against the CA; cluster nodes verify each other. Made once
 * per stack (what is missing is made); private keys readable by the owner only.
 */
export function ensureTlsMaterial(dir: string): TlsMaterial {
  const material: TlsMaterial = {
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server-key.pem'),
    routeCertFile: join(dir, 'route.pem'),
    routeKeyFile: join(dir, 'route-key.pem'),
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(material.caFile) || !existsSync(join(dir, 'ca-key.pem'))) {
    openssl(
      [
        'req',
        '-x509',
        ...EC,
        '-keyout',
        'ca-key.pem',
        '-out',
        'ca.pem',
        '-days',
        '3650',
        '-subj',
        '/CN=Accord stack CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      dir,
    );
    rmSync(material.certFile, { force: true });
    rmSync(material.routeCertFile, { force: true });
  }
  if (!existsSync(material.certFile) || !existsSync(material.keyFile)) issueCertificate(dir, 'server', 'accord-nats', 'serverAuth');
  if (!existsSync(material.routeCertFile) || !existsSync(material.routeKeyFile)) {
    issueCertificate(dir, 'route', 'accord-nats-route', 'serverAuth,clientAuth');
  }
  return material;
}
