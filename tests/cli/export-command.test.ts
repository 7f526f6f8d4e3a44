import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import type { Event } from '../../src/core/model.js';
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
  it.each(['jsonl', 'csv', 'ics'])(
    're-imports a %s export to the same events, field for field',
    async (format) => {
      const { before, after } = await roundTrip(format);
      expect(before).toHaveLength(7);
      expect(after).toEqual(before);
    },
  );

  it('writes an iCalendar other programs read: standard properties, our extras in one X- property', async () => {
    const { file } = await roundTrip('ics');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('SUMMARY:Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping');
    expect(text.match(/^X-EVENT-ARCHIVE:/gm)).toHaveLength(7);
  });

  it('lets a calendar program’s own change of time win over the sidecar', async () => {
    const { file } = await roundTrip('ics');
    const moved = readFileSync(file, 'utf8').replace(
      /^DTSTART;VALUE=DATE:20130925/m,
      'DTSTART;VALUE=DATE:20130926',
    );
    const dir = tempDir();
    writeFileSync(join(dir, 'moved.ics'), moved);
    const env = { EVENT_DB: join(dir, 'c.db'), EVENT_ARCHIVE: 'unused' };
    expect((await cli(['import', join(dir, 'moved.ics')], env)).code).toBe(0);
    const dinner = (await eventsOf(env)).find((e) => e.title.startsWith('Strengthening the Partnership'));
    expect(dinner?.start).toBe('2013-09-26');
    expect(dinner?.hosts).toContain('Government of Finland');
  });
});

describe('event-bot export of a cancelled and a postponed event', () => {
  it.each(['jsonl', 'ics'])('keeps each status through a %s round trip', async (format) => {
    const dir = tempDir({
      'changed.jsonl': [
        { title: 'Sahel mediation forum', start: '2027-03-02T14:00:00Z', status: 'Cancelled' },
        { title: 'Arctic security roundtable', start: '2027-04-06', status: 'postponed' },
        { title: 'Peacekeeping budget briefing', start: '2027-05-11T15:00:00Z' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    });
    const original = { EVENT_DB: join(dir, 'a.db'), EVENT_ARCHIVE: 'unused' };
    expect((await cli(['import', join(dir, 'changed.jsonl')], original)).code).toBe(0);
    const file = join(dir, `export.${format}`);
    expect((await cli(['export', '--format', format, '--out', file], original)).code).toBe(0);
    const copy = { EVENT_DB: join(dir, 'b.db'), EVENT_ARCHIVE: 'unused' };
    expect((await cli(['import', file], copy)).code).toBe(0);
    const statuses = (await eventsOf(copy)).map((e) => [e.title, e.status]);
    expect(statuses.sort()).toEqual([
      ['Arctic security roundtable', 'postponed'],
      ['Peacekeeping budget briefing', undefined],
      ['Sahel mediation forum', 'cancelled'],
    ]);
    expect(await eventsOf(copy)).toEqual(await eventsOf(original));
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
