import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, readMigrations } from '../../src/storage/database.js';
import { tempDir } from '../helpers/temp.js';

describe('migrate', () => {
  it('refuses two migrations that share a number, since user_version would skip the second', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '001-a.sql'), 'CREATE TABLE a (x);');
    writeFileSync(join(dir, '002-b.sql'), 'CREATE TABLE b (x);');
    writeFileSync(join(dir, '002-c.sql'), 'CREATE TABLE c (x);');
    expect(() => readMigrations(dir)).toThrow(/002-b\.sql and 002-c\.sql share number 2/);
  });

  it('ships SQLite migrations with distinct numbers', () => {
    const versions = readMigrations().map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('applies every numbered migration once and records the version', () => {
    const db = openDatabase(':memory:');
    const latest = readMigrations().at(-1)!.version;
    expect(migrate(db)).toBe(latest);
    expect(migrate(db)).toBe(latest);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'events_fts'").get()).toBeTruthy();
  });

  it('leaves the database at the previous version when a migration fails', () => {
    const db = openDatabase(':memory:');
    const good = { version: 1, name: '001-a.sql', sql: 'CREATE TABLE a (x INTEGER);' };
    const bad = {
      version: 2,
      name: '002-b.sql',
      sql: 'CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);',
    };
    migrate(db, [good]);
    expect(() => migrate(db, [good, bad])).toThrow(/nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });

  it('refuses a database written by a newer version of the bot', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(/newer than this program knows/);
  });

  it('uses WAL for files on disk', () => {
    const db = openDatabase(join(tempDir(), 'nested', 'events.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
