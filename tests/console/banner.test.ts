import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../src/console/repl.js';
import { importIntoContext } from '../../src/context.js';
import { fixedClock, memoryContext } from '../helpers/context.js';
import { tempDir } from '../helpers/temp.js';

async function bannerOf(files: Record<string, string>, paths?: string[]): Promise<string> {
  const context = memoryContext({ EVENT_TIMEZONE: 'America/New_York' }, fixedClock('2026-11-29T12:00:00Z'));
  const dir = tempDir(files);
  await importIntoContext(context, paths ?? [dir]);
  let out = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  await runConsole(Readable.from(['']), output, context.commands, {
    zone: 'America/New_York',
    stats: context.store.stats(),
  });
  context.close();
  return out.split('\nTry:')[0];
}

describe('the console banner', () => {
  it('counts the shipped archive’s real events apart from its sample occurrences', async () => {
    const banner = await bannerOf({}, ['data']);
    const [first, second] = banner.split('\n');
    expect(first).toBe('event-archive-bot console: 4 events in the archive, 2013–2014.');
    expect(second).toMatch(
      /^Plus \d{2,} occurrences of 4 \[Sample\] series \(tagged "sample"\), so upcoming always shows something\.$/,
    );
  });

  it('shows the next event at its own venue’s time, not the console’s zone', async () => {
    const event = {
      title: 'Tokyo Forum on Maritime Security',
      start: '2027-03-10T09:00:00+09:00',
      timezone: 'Asia/Tokyo',
    };
    const banner = await bannerOf({ 'a.jsonl': JSON.stringify(event) });
    expect(banner).toBe(
      [
        'event-archive-bot console: 1 event in the archive, 2027–2027.',
        'Next: Tokyo Forum on Maritime Security, Wed 10 Mar 2027 · 9:00 AM GMT+9',
      ].join('\n'),
    );
  });

  it('says nothing of samples when there are none', async () => {
    const banner = await bannerOf({ 'a.jsonl': JSON.stringify({ title: 'Old forum', start: '2013-09-25' }) });
    expect(banner).toBe('event-archive-bot console: 1 event in the archive, 2013–2013.');
  });
});
