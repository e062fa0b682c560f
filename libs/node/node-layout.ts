import { join, resolve } from 'node:path';

/** Where an agency node keeps what, inside its NODE_DIR. Everything here stays on the agency's premises. */
export function nodeLayout(dirArg: string) {
  const dir = resolve(dirArg);
  const secrets = join(dir, 'secrets');
  return {
    dir,
    config: join(dir, 'node.json'),
    database: join(dir, 'node.db'),
    secrets,
    /** AES-256 key the view content is encrypted under in the database: back it up apart from node.db. */
    viewKey: join(secrets, 'view.key'),
    /** HMAC key of this node's session cookies: a cookie of another node never resolves here. */
    sessionSecret: join(secrets, 'session.secret'),
    signingKey: join(secrets, 'signing.jwk'),
    credentials: join(secrets, 'node.creds'),
    caFile: join(secrets, 'bus-ca.pem'),
    busPublicKey: join(secrets, 'bus-signing.jwk.pub'),
    auditPublicKey: join(secrets, 'audit-signing.jwk.pub'),
  };
}

export type NodeLayout = ReturnType<typeof nodeLayout>;
