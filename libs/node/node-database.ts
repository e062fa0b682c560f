import Database from 'better-sqlite3';
import { AccordError, errorMessage } from '../errors/index.js';
import { NODE_MIGRATIONS } from './node-migrations.js';

export type NodeDatabase = Database.Database;

/**
 * Opens (creating if need be) the node's SQLite database and brings its schema to the
 * newest version, each migration in a transaction of its own. WAL with synchronous=FULL:
 * a committed row survives a kill -9 or a power loss, which the ack after commit relies on.
 * secure_delete: what is deleted (a withdrawn view, a purged one) is overwritten, not left
 * in free pages.
 */
export function openNodeDatabase(path: string, migrations: readonly string[] = NODE_MIGRATIONS): NodeDatabase {
  let db: NodeDatabase;
  try {
    db = new Database(path);
  } catch (error) {
    throw new AccordError('E_CONFIG', `cannot open the node database ${path}: ${errorMessage(error)}`, { cause: error });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > migrations.length) {
    db.close();
    throw new AccordError(
      'E_STATE',
      `${path} has schema version ${version}, newer than this accord (${migrations.length}): upgrade accord`,
    );
  }
  for (let v = version; v < migrations.length; v += 1) {
    db.transaction(() => {
      db.exec(migrations[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}
