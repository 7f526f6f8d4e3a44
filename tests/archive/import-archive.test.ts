import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../src/archive/import-archive.js';
import { formatProblem } from '../../src/archive/types.js';
import type { AppContext } from '../../src/context.js';
import { memoryContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const now = new Date('2026-11-29T12:00:00Z');
const options = { now, defaultZone: 'UTC' };

const jsonl = (...events: object[]) => events.map((e) => JSON.stringify(e)).join('\n');
const forum = (n: number, extra: object = {}) => ({
  title: `Policy Forum ${n}`,
  start: `2015-03-${String(n).padStart(2, '0')}`,
  ...extra,
});

/** Every row of every table we own, to show a failed import changed nothing. */
function snapshot(context: AppContext) {
  const tables = ['events', 'archive_files', 'events_fts', 'short_fts'];
  return Object.fromEntries(
    tables.map((t) => [t, context.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]),
  );
}

describe('importArchive', () => {
  it('is idempotent: the same file again is not even re-parsed, and changes nothing', async () => {
    const context = memoryContext();
    const dir = tempDir({ 'a.jsonl': jsonl(forum(1), forum(2)) });
    expect(await importArchive([dir], context.store, options)).toMatchObject({
      added: 2,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const before = snapshot(context);
    const again = await importArchive([dir], context.store, options);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2, skippedFiles: 1 });
    expect(snapshot(context)).toEqual(before);
    expect(await importArchive([dir], context.store, { ...options, force: true })).toMatchObject({
      added: 0,
      unchanged: 2,
      skippedFiles: 0,
    });
    expect(snapshot(context)).toEqual(before);
  });

  it('applies an update and removes what the file no longer holds', async () => {
    const context = memoryContext();
    const dir = tempDir({ 'a.jsonl': jsonl(forum(1), forum(2), forum(3)) });
    await importArchive([dir], context.store, options);
    writeFileSync(
      join(dir, 'a.jsonl'),
      jsonl(forum(1, { summary: 'Moved to the Trusteeship Council chamber.' }), forum(2)),
    );
    const summary = await importArchive([dir], context.store, options);
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 1, removed: 1 });
    expect(summary.changedIds).toEqual(['2015-03-01-policy-forum-1']);
    expect(summary.removedIds).toEqual(['2015-03-03-policy-forum-3']);
    expect(context.store.getById('2015-03-01-policy-forum-1')?.summary).toBe(
      'Moved to the Trusteeship Council chamber.',
    );
    expect(context.store.getById('2015-03-03-policy-forum-3')).toBeUndefined();
  });

  it('never wipes events that came from other files', async () => {
    const context = memoryContext();
    const dir = tempDir({ 'a.jsonl': jsonl(forum(1)), 'b.jsonl': jsonl(forum(2)) });
    await importArchive([join(dir, 'a.jsonl')], context.store, options);
    await importArchive([join(dir, 'b.jsonl')], context.store, options);
    expect(context.store.stats().events).toBe(2);
  });

  it('rejects a file with one bad record whole, names file, line and field, and leaves the database as it was', async () => {
    const context = memoryContext();
    const dir = tempDir({ 'a.jsonl': jsonl(forum(1), forum(2)) });
    await importArchive([dir], context.store, options);
    const before = snapshot(context);
    writeFileSync(
      join(dir, 'a.jsonl'),
      jsonl(forum(1, { summary: 'changed' }), forum(2), forum(3, { start: '2015-13-45' })),
    );
    const summary = await importArchive([dir], context.store, options);
    expect(summary.rejected).toBe(1);
    expect(summary.problems.map(formatProblem)[0]).toMatch(/a\.jsonl:3: start: expected a date/);
    expect(snapshot(context)).toEqual(before);
  });

  it.each([
    ['empty.json', '', /empty\.json:1: file is empty/],
    ['blank.jsonl', '\n  \n', /blank\.jsonl:1: file is empty/],
    [
      'photo.json',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      /photo\.json:3: file is binary/,
    ],
    ['events.xlsx', 'PK', /events\.xlsx:1: unknown file type "\.xlsx"; use one of \.json/],
    [
      'latin1.csv',
      Buffer.from('title,start\nCaf\xe9 diplomacy,2015-01-01\n', 'latin1'),
      /latin1\.csv:2: file is binary/,
    ],
  ])('answers %s with a file:line message and writes nothing', async (name, content, message) => {
    const context = memoryContext();
    const before = snapshot(context);
    const summary = await importArchive([join(tempDir({ [name]: content }), name)], context.store, options);
    expect(summary.rejected).toBe(1);
    expect(summary.problems.map(formatProblem).join('\n')).toMatch(message);
    expect(snapshot(context)).toEqual(before);
  });

  it.each([
    [
      'bad-json-line-7.jsonl',
      `${[1, 2, 3, 4, 5, 6].map((n) => JSON.stringify(forum(n))).join('\n')}\n{"title": "Forum 7", "start": `,
      /bad-json-line-7\.jsonl:7: not valid JSON/,
    ],
    [
      'no-title.json',
      '[\n  {"title": "A", "start": "2015-01-01"},\n  {"start": "2015-01-02"}\n]',
      /no-title\.json:3: title: is required/,
    ],
    [
      'columns.csv',
      'title,start,type\nPolicy Forum,2015-01-01,Policy Forum\nRoundtable,2015-01-02\n',
      /columns\.csv:3: .*column/,
    ],
    [
      'no-start.ics',
      'BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:a@x\nSUMMARY:Ceasefire talks\nEND:VEVENT\nEND:VCALENDAR\n',
      /no-start\.ics:4: start: VEVENT has no DTSTART/,
    ],
  ])(
    'rejects %s with a file:line message and leaves the database as it was',
    async (name, content, message) => {
      const context = memoryContext();
      await importArchive(
        [join(tempDir({ 'base.jsonl': jsonl(forum(20)) }), 'base.jsonl')],
        context.store,
        options,
      );
      const before = snapshot(context);
      const summary = await importArchive([join(tempDir({ [name]: content }), name)], context.store, options);
      expect(summary.rejected).toBe(1);
      expect(summary.problems.map(formatProblem).join('\n')).toMatch(message);
      expect(snapshot(context)).toEqual(before);
    },
  );

  it.each(['garbage.json', 'garbage.jsonl', 'garbage.csv', 'garbage.md', 'garbage.ics', 'garbage.txt'])(
    'survives a 10 MB file of garbage text (%s) with a message and no write',
    async (name) => {
      const context = memoryContext();
      const garbage = randomBytes(7.5 * 1024 * 1024)
        .toString('base64')
        .replace(/(.{97})/g, '$1\n');
      const summary = await importArchive([join(tempDir({ [name]: garbage }), name)], context.store, options);
      expect(summary.rejected).toBe(1);
      expect(summary.problems[0].file).toMatch(name);
      expect(summary.problems[0].line).toBeGreaterThanOrEqual(1);
      expect(context.store.stats().events).toBe(0);
    },
  );

  it('reports a folder or file that does not exist', async () => {
    const context = memoryContext();
    const summary = await importArchive(['/nonexistent/archive'], context.store, options);
    expect(summary.problems.map(formatProblem)).toEqual(['/nonexistent/archive:0: no such file or folder']);
  });

  it('re-expands a file whose result was only valid until a date that has passed', async () => {
    const context = memoryContext();
    const dir = tempDir({ 'a.jsonl': jsonl(forum(1)) });
    const name = join(dir, 'a.jsonl');
    await importArchive([name], context.store, options);
    const record = context.store.archiveFile(name)!;
    context.db
      .prepare('UPDATE archive_files SET valid_until = ? WHERE path = ?')
      .run(now.getTime() - 1, name);
    expect((await importArchive([name], context.store, options)).skippedFiles).toBe(0);
    expect(context.store.archiveFile(name)?.hash).toBe(record.hash);
  });

  it('hashes a file larger than one read as its whole bytes: unchanged is skipped, a changed last byte is read again', async () => {
    const context = memoryContext();
    // About 9 MB: more than two of the chunks a file is hashed in.
    const body = 'word '.repeat(30_000);
    const events = Array.from({ length: 60 }, (_, i) => forum(1 + (i % 28), { id: `e${i}`, body }));
    const dir = tempDir({ 'big.jsonl': jsonl(...events) });
    const name = join(dir, 'big.jsonl');
    expect((await importArchive([name], context.store, options)).added).toBe(60);
    expect(context.store.archiveFile(name)?.hash).toBe(
      createHash('sha256').update(readFileSync(name)).digest('hex'),
    );
    expect(await importArchive([name], context.store, options)).toMatchObject({
      skippedFiles: 1,
      unchanged: 60,
    });
    writeFileSync(name, jsonl(...events.slice(0, -1), { ...events[59], title: 'Policy Forum X' }));
    expect(await importArchive([name], context.store, options)).toMatchObject({
      skippedFiles: 0,
      updated: 1,
    });
  });
});
