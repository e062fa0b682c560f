import { readFileSync } from 'node:fs';
import { AccordError, errorMessage } from '../errors/index.js';
import { readNodeConfig, type NodeConfig } from './node-config.js';
import { openNodeDatabase, type NodeDatabase } from './node-database.js';
import { nodeLayout, type NodeLayout } from './node-layout.js';
import { ViewCipher } from './view-cipher.js';

export interface OpenNode {
  layout: NodeLayout;
  config: NodeConfig;
  db: NodeDatabase;
  /** Seals view content and TOTP secrets in the database. */
  cipher: ViewCipher;
  /** HMAC key of this node's session cookies. */
  sessionSecret: Buffer;
  close(): void;
}

function readKeyFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new AccordError(
      'E_CONFIG',
      `cannot read the node's ${what} at ${path}: ${errorMessage(error)} (was the node set up with \`accord node init\`?)`,
      {
        cause: error,
      },
    );
  }
}

/** A node's folder as `accord node init` left it: configuration, keys and database, checked. */
export function openNode(dir: string): OpenNode {
  const layout = nodeLayout(dir);
  const config = readNodeConfig(layout.config);
  const cipher = new ViewCipher(readKeyFile(layout.viewKey, 'view key'));
  const sessionSecret = readKeyFile(layout.sessionSecret, 'session secret');
  if (sessionSecret.length < 32)
    throw new AccordError('E_CONFIG', `${layout.sessionSecret} holds ${sessionSecret.length} bytes; it needs 32`);
  const db = openNodeDatabase(layout.database);
  return { layout, config, db, cipher, sessionSecret, close: () => db.close() };
}
