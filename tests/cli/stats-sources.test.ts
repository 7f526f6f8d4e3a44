import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/cli.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';
import { tempDir } from '../helpers/temp.js';

const NOW = '2026-12-01T00:00:00Z';
const FEED = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//stats test//EN',
  'BEGIN:VEVENT',
  'UID:feed-1@example.org',
  'DTSTART:20270110T150000Z',
  'SUMMARY:A feed event without a description',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:feed-2@example.org',
  'DTSTART:20270111T150000Z',
  'SUMMARY:Another feed event',
  'DESCRIPTION:Has one.',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('where each event came from', () => {
  let feed: FeedServer;
  beforeAll(async () => {
    feed = await startFeedServer(FEED);
  });
  afterAll(() => feed.close());

  it('event-bot stats counts events per source, files and feed URLs alike, most first', async () => {
    const dir = tempDir();
    const file = join(dir, 'events.jsonl');
    const lines = ['One', 'Two', 'Three'].map((t, i) =>
      JSON.stringify({ title: t, start: `2015-03-0${i + 1}` }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const env = { EVENT_DB: join(dir, 'events.db') };

    expect((await runCliCaptured(['import', file, feed.url('/basic.ics')], env, NOW)).code).toBe(0);
    const stats = await runCliCaptured(['stats'], env, NOW);

    const sources = stats.out
      .split('\n')
      .slice(stats.out.split('\n').indexOf('sources (events per file, feed or page):') + 1);
    expect(sources.map((l) => l.trim().split(/\s+/))).toEqual([
      ['3', 'file', file],
      ['2', 'url', feed.url('/basic.ics')],
    ]);
  });

  it('the gaps report names a feed event by its URL and line, so it can be fixed where it lives', async () => {
    const env = { EVENT_DB: join(tempDir(), 'events.db') };
    await runCliCaptured(['import', feed.url('/basic.ics')], env, NOW);

    const gaps = await runCliCaptured(['gaps', '--json'], env, NOW);

    const report = JSON.parse(gaps.out) as {
      missing: { field: string; examples: { source?: { file: string; line: number } }[] }[];
    };
    const summary = report.missing.find((m) => m.field === 'summary');
    expect(summary?.examples.map((e) => e.source)).toEqual([{ file: feed.url('/basic.ics'), line: 4 }]);
  });
});
