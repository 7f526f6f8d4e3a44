import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { registerMigrationFunctions } from './migration-functions.js';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Pages of 16 KB: an event's row is about 1.4 KB, and 4 KB pages held two of them with a third of the
 * page empty (the events table took 155 MB at 100k events, 134 MB in 16 KB pages).
 */
const PAGE_SIZE = 16384;

/** Opens (creating if needed) the SQLite file with our pragmas in one place: WAL, foreign keys, a busy timeout. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Takes effect when a new file gets its first table; an older file changes at its next VACUUM (migrate).
  db.pragma(`page_size = ${PAGE_SIZE}`);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. The
 * serving thread uses 0 (it must never stall acks; the dispatcher tries again next tick), workers a
 * short wait before telling the user the archive is being updated.
 */
export function setBusyTimeout(db: Db, ms: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
}

/** True for SQLite's "another connection holds the lock" errors (SQLITE_BUSY and its extended codes). */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The numbered `NNN-name.sql` files, in order. Two files with one number are refused: `user_version`
 * records a number, so a database that stopped between them would never run the second.
 */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{3}-.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
  migrations.forEach((m, i) => {
    const before = migrations[i - 1];
    if (before?.version === m.version) {
      throw new Error(
        `${dir}: migrations ${before.name} and ${m.name} share number ${m.version}; renumber one`,
      );
    }
  });
  return migrations;
}

/**
 * Applies every migration newer than `PRAGMA user_version`, each in its own transaction together with
 * the version bump, so a failing migration leaves the database at the previous version, untouched.
 */
export function migrate(db: Db, migrations = readMigrations()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `database schema version ${current} is newer than this program knows (${latest}); upgrade the bot`,
    );
  }
  if (migrations.some((m) => m.version > current)) registerMigrationFunctions(db);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  // Migrations that rewrote much of the file (017-019) leave its old pages free: give them back once,
  // in pages of the size a new file has (a page size changes only by a VACUUM outside WAL mode).
  if (current > 0 && current < latest && !db.inTransaction) {
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const small = (db.pragma('page_size', { simple: true }) as number) < PAGE_SIZE;
    if (small || free * 5 > (db.pragma('page_count', { simple: true }) as number)) vacuum(db);
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Best effort: the migrations are committed by now, so a file another connection holds open (a replica,
 * the CLI) keeps its free pages and old page size until a later upgrade instead of failing this start.
 */
function vacuum(db: Db): void {
  const wal = db.pragma('journal_mode', { simple: true }) === 'wal';
  try {
    if (wal) db.pragma('journal_mode = DELETE');
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.exec('VACUUM');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') throw error;
    process.stderr.write(
      `database: migrated ${db.name}; its freed pages stay in the file because another connection has it open (${code})\n`,
    );
  } finally {
    if (wal && db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
  }
}
