import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import type { Event } from '../../src/core/model.js';
import { eventTimeToMillis } from '../../src/core/time.js';
import { fixedClock } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

const NOW = '2026-11-29T12:00:00Z';
/** The shipped real events (Markdown, with hosts, speakers and themes) and the ids-of-any-shape fixture. */
const SOURCES = ['data/events', 'tests/fixtures/archive/any-ids.json'];

async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false };
  const code = await runCli(argv, io, env, fixedClock(NOW));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every event in a database, as JSON Lines, without where it was read from. */
async function eventsOf(env: Record<string, string>): Promise<Omit<Event, 'source'>[]> {
  const { out } = await cli(['export'], env);
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .sort((a, b) => a.id.localeCompare(b.id));
}

async function roundTrip(format: string) {
  const dir = tempDir();
  const original = { EVENT_DB: join(dir, 'a.db'), EVENT_ARCHIVE: 'unused' };
  expect((await cli(['import', ...SOURCES], original)).code).toBe(0);
  const file = join(dir, `export.${format}`);
  const exported = await cli(['export', '--format', format, '--out', file], original);
  expect(exported.code).toBe(0);
  expect(exported.err).toBe(`7 event(s) written to ${file}`);
  const copy = { EVENT_DB: join(dir, 'b.db'), EVENT_ARCHIVE: 'unused' };
  const imported = await cli(['import', file], copy);
  expect(imported.err).toBe('');
  expect(imported.code).toBe(0);
  return { before: await eventsOf(original), after: await eventsOf(copy), file };
}

describe('event-bot export round trips', () => {
  it.each(['jsonl', 'csv'])('re-imports a %s export to the same events, field for field', async (format) => {
    const { before, after } = await roundTrip(format);
    expect(before).toHaveLength(7);
    expect(after).toEqual(before);
  });

  it('re-imports an iCalendar export to the same events in every field a calendar carries', async () => {
    const { before, after, file } = await roundTrip('ics');
    expect(readFileSync(file, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const calendarFields = (e: Omit<Event, 'source'>) => ({
      title: e.title,
      type: e.type,
      startMs: eventTimeToMillis(e.start, e.timezone),
      endMs: e.end ? eventTimeToMillis(e.end, e.timezone) : undefined,
      location: e.location,
      url: e.url,
      summary: e.summary,
      tags: e.tags,
    });
    const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);
    expect(after.map(calendarFields).sort(byTitle)).toEqual(before.map(calendarFields).sort(byTitle));
  });
});

describe('event-bot export', () => {
  it('writes a query’s results, best first, to standard output', async () => {
    const env = { EVENT_DB: join(tempDir(), 'a.db'), EVENT_ARCHIVE: 'unused' };
    await cli(['import', ...SOURCES], env);
    const { code, out } = await cli(['export', 'cyber norms'], env);
    expect(code).toBe(0);
    const ids = out.split('\n').map((l) => JSON.parse(l).id);
    expect(ids[0]).toBe(
      'https://www.example.org/events/2027/03/cyber-norms-and-small-states?lang=en&ref=archive',
    );
  });

  it('refuses an unknown format with what to type instead, exit 2', async () => {
    const env = { EVENT_DB: ':memory:', EVENT_ARCHIVE: 'unused' };
    expect(await cli(['export', '--format', 'xml'], env)).toMatchObject({
      code: 2,
      err: '--format takes one of jsonl, csv, ics',
    });
  });
});
