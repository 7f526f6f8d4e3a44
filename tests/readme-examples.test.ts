import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArchive } from '../src/archive/import-archive.js';
import { runCli } from '../src/cli/run.js';
import { runEventCommand } from '../src/core/commands/index.js';
import { fixedClock, memoryContext } from './helpers/context.js';
import { type FeedServer, startFeedServer } from './helpers/feed-server.js';
import { tempDir } from './helpers/temp.js';

/**
 * The README is the front door: every concrete example it gives must work on the archive that ships in
 * data/. Examples are read from the README itself, so a new example is tested the day it is written.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const NOW = '2026-12-01T12:00:00Z';
const SHIPPED = join(ROOT, 'data');

/** A placeholder (`<words>`, `[when]`, `…`) or an alternation makes an example a template, not a command. */
const TEMPLATE = /[<>[\]…|]|\.\.\./;

/** `/event …` examples written in code spans anywhere in the README. */
function slashExamples(): string[] {
  const found = [...README.matchAll(/`(\/event(?: [^`]*)?)`/g)].map((m) => m[1].trim());
  return [...new Set(found.filter((text) => !TEMPLATE.test(text)))];
}

/** `npx event-bot …` lines of the README's command-line block, comments dropped. */
function cliExamples(): string[] {
  return README.split('\n')
    .filter((line) => line.startsWith('npx event-bot '))
    .map((line) => line.replace(/\s+#.*$/, '').replace(/^npx event-bot /, ''));
}

/** Splits a shell line into words, honouring double quotes, and drops redirections. */
function shellWords(line: string): string[] {
  const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
  const redirect = words.indexOf('>');
  return redirect >= 0 ? words.slice(0, redirect) : words;
}

/** Files the README's examples name that the shipped archive does not have, made from it for the test. */
function exampleFiles() {
  const csv = ['title,start,type', 'A Fresh Dialogue on Peacekeeping,2013-09-25,Panel Discussion'].join('\n');
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//readme example//EN',
    'BEGIN:VEVENT',
    'UID:readme-1',
    'DTSTART:20270110T150000Z',
    'SUMMARY:Example calendar event',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const jsonl = JSON.stringify({ title: 'Another archive event', start: '2015-03-02' });
  const fieldMaps = join(ROOT, 'tests', 'fixtures', 'field-maps');
  const wordpress = readFileSync(join(fieldMaps, 'wordpress-events.csv'), 'utf8');
  const wordpressMap = readFileSync(join(fieldMaps, 'wordpress-events.map.yml'), 'utf8');
  const page =
    '<!DOCTYPE html><title>Forum</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"Event","name":"Example page event","startDate":"2027-01-12T18:00:00-05:00"}</script>';
  return {
    'export.csv': csv,
    'calendar.ics': ics,
    'more/events.jsonl': jsonl,
    'wordpress-events.csv': wordpress,
    'wordpress-events.map.yml': wordpressMap,
    'saved-pages/forum.html': page,
    data: SHIPPED,
  } as Record<string, string>;
}

describe('the README examples on the shipped archive', () => {
  const context = memoryContext({}, fixedClock(NOW));
  // Feed URLs in examples are served from 127.0.0.1: tests never reach outside.
  let feed: FeedServer;
  beforeAll(async () => {
    feed = await startFeedServer(exampleFiles()['calendar.ics']);
    await importArchive([SHIPPED], context.store, { now: context.clock.now(), defaultZone: 'UTC' });
  });
  afterAll(() => feed.close());

  it('finds the README’s /event examples', () => {
    expect(slashExamples()).toEqual(
      expect.arrayContaining(['/event peacekeepng finland', '/event peacekeeping', '/event themes']),
    );
  });

  it.each(slashExamples())('%s gets a real answer, not an apology or a no-match', async (example) => {
    const result = await runEventCommand(
      { text: example.replace(/^\/event\s*/, ''), userId: 'U_README', channelId: 'C_README' },
      context.commands,
    );
    const reply = result.reply;
    expect(reply.kind, JSON.stringify(reply).slice(0, 400)).not.toBe('no-match');
    if (reply.kind === 'notice') expect(reply.tone, reply.text).not.toBe('error');
    if (reply.kind === 'help') expect(reply.problem).toBeUndefined();
    if (reply.kind === 'list')
      expect(reply.items.length, JSON.stringify(reply).slice(0, 400)).toBeGreaterThan(0);
  });

  it('finds the README’s command-line examples', () => {
    expect(cliExamples().map((line) => line.split(' ')[0])).toEqual(
      expect.arrayContaining(['import', 'check', 'stats', 'search', 'ask', 'export', 'help']),
    );
  });

  it.each(cliExamples())('event-bot %s runs as the README says', async (line) => {
    const dir = tempDir();
    const files = exampleFiles();
    const env = { EVENT_DB: join(dir, 'events.db'), EVENT_TIMEZONE: 'UTC' };
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return {
        out,
        err,
        io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false },
      };
    };
    const args = shellWords(line).map((word) => {
      if (word === 'data') return SHIPPED;
      if (/^(https?|webcal):\/\//.test(word)) return feed.url();
      const inFolder = Object.keys(files).filter((name) => word.endsWith('/') && name.startsWith(word));
      for (const name of inFolder) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), files[name]);
      }
      if (inFolder.length) return join(dir, word);
      const content = files[word];
      if (content === undefined) return word.endsWith('.ics') ? join(dir, word) : word;
      const path = join(dir, word);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, content);
      const besideMap = word.replace(/\.\w+$/, '.map.yml');
      if (files[besideMap] !== undefined) writeFileSync(join(dir, besideMap), files[besideMap]);
      return path;
    });
    const setup = io();
    expect(await runCli(['import', SHIPPED], setup.io, env, fixedClock(NOW))).toBe(0);

    const run = io();
    const code = await runCli(args, run.io, env, fixedClock(NOW));
    expect(code, run.err.join('\n')).toBe(0);
    expect(run.err.join('\n')).not.toMatch(/error|unknown option|stack/i);
    const out = args.indexOf('--out');
    if (out >= 0) expect(readFileSync(args[out + 1], 'utf8')).toMatch(/^BEGIN:VCALENDAR/);
    else expect(run.out.join('\n').length).toBeGreaterThan(0);
  });
});
