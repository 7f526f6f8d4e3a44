import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFieldMap } from '../../src/archive/field-map.js';
import { loadJsonLines } from '../../src/archive/json-loader.js';
import { loadMarkdown } from '../../src/archive/markdown-loader.js';
import { runCliCaptured } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

/** Real export shapes with other names (see tests/fixtures/field-maps/README.md). */
const FIXTURES = fileURLToPath(new URL('../fixtures/field-maps/', import.meta.url));
const CSV = join(FIXTURES, 'wordpress-events.csv');
const JSON_EXPORT = join(FIXTURES, 'eventbrite-events.json');
const EVENTBRITE_MAP = join(FIXTURES, 'eventbrite.map.yml');

const cli = (argv: string[], env: Record<string, string>) =>
  runCliCaptured(argv, env, '2026-12-01T00:00:00Z');

async function exported(env: Record<string, string>) {
  const result = await cli(['export', '--format', 'jsonl'], env);
  return result.out
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function map(text: string) {
  const file = join(tempDir(), 'test.map.yml');
  writeFileSync(file, text);
  const read = readFieldMap(file);
  if ('problems' in read) throw new Error(JSON.stringify(read.problems));
  return read.map;
}

describe('a field map for exports with their own names', () => {
  it('imports a WordPress Events Calendar CSV through the map beside it: joined date and time columns, a format, a zone, lists', async () => {
    const env = { EVENT_DB: join(tempDir(), 'events.db'), EVENT_TIMEZONE: 'UTC' };

    const result = await cli(['import', CSV], env);
    const events = await exported(env);

    expect(result.err).toBe('');
    expect(result.out).toContain('3 added');
    const byTitle = new Map(events.map((e) => [e.title, e]));
    expect(byTitle.get('Human Rights and the Future World Order')).toMatchObject({
      start: '2021-02-01T12:00:00-05:00',
      end: '2021-02-01T13:30:00-05:00',
      timezone: 'America/New_York',
      location: 'Belfer Center, Harvard Kennedy School',
      type: 'Panel Discussion',
      hosts: ['Belfer Center for Science and International Affairs'],
      tags: ['human rights', 'world order'],
      speakers: [
        {
          name: 'Hina Jilani',
          role: 'Former UN Special Representative of the Secretary-General on Human Rights Defenders',
        },
        { name: 'Samuel Moyn', role: 'Henry R. Luce Professor of Jurisprudence, Yale Law School' },
        {
          name: "Zeid Ra'ad",
          role: 'Perry World House Professor of the Practice of Law and Human Rights, University of Pennsylvania',
        },
      ],
    });
    expect(byTitle.get('Maritime Security Dialogue: USN: Setting the Theatre in the Arctic')?.hosts).toEqual([
      'Center for Strategic and International Studies',
      'U.S. Naval Institute',
    ]);
    const nigeria = byTitle.get('Insecurity in Northeast Nigeria and Beyond');
    expect(nigeria?.start).toBe('2020-12-07T14:00:00-05:00');
    expect(((nigeria?.speakers ?? []) as { name: string }[]).map((s) => s.name)).toEqual([
      'John Campbell',
      'Takwa Z. Suifon',
      'Sophia Comfort Michael',
      "Siobhan O'Neil",
    ]);
  });

  it('refuses the same CSV without its map, since its columns are not ours', async () => {
    const dir = tempDir();
    copyFileSync(CSV, join(dir, 'wordpress-events.csv'));

    const result = await cli(['check', join(dir, 'wordpress-events.csv')], { EVENT_DB: ':memory:' });

    expect(result.code).toBe(1);
    expect(result.err).toMatch(/wordpress-events\.csv:1: unknown column "Event Start Date"/);
  });

  it('imports an Eventbrite JSON export through EVENT_ARCHIVE_MAP, reading nested keys and the zone beside the time', async () => {
    const env = { EVENT_DB: join(tempDir(), 'events.db'), EVENT_ARCHIVE_MAP: EVENTBRITE_MAP };

    const result = await cli(['import', JSON_EXPORT], env);
    const events = await exported(env);

    expect(result.err).toBe('');
    expect(events).toEqual([
      {
        id: 'hfx2019-plenary-1',
        title: 'Plenary 1: Revolutions of Our Time: Freedom Without US',
        start: '2019-11-22T15:30:00-04:00',
        end: '2019-11-22T16:30:00-04:00',
        timezone: 'America/Halifax',
        location: 'The Westin Nova Scotian',
        url: 'https://halifaxtheforum.org/2019-forum-agenda/',
        hosts: ['Halifax International Security Forum'],
        type: 'Event',
        summary: 'Protest movements for freedom, and what they can expect from the United States.',
      },
      expect.objectContaining({ id: 'hfx2019-plenary-2', start: '2019-11-22T17:00:00-04:00' }),
    ]);
  });

  it('check --map shows what each field of the first records became, and the columns the map left unused', async () => {
    const result = await cli(['check', '--map', CSV], { EVENT_DB: ':memory:' });
    const lines = result.out.split('\n');

    expect(result.code).toBe(0);
    expect(lines[0]).toMatch(/wordpress-events\.csv:2, mapped by .*wordpress-events\.map\.yml:$/);
    expect(lines[1]).toMatch(/^ {2}field +from +source value +became$/);
    const row = (field: string) =>
      lines
        .find((l) => l.startsWith(`  ${field} `))
        ?.split(/ {2,}/)
        .slice(2);
    expect(row('start')).toEqual([
      'Event Start Date + Event Start Time as MM/dd/yyyy h:mm a or MM/dd/yyyy',
      '02/01/2021 12:00 PM',
      '2021-02-01T12:00:00-05:00',
    ]);
    expect(row('tags')).toEqual([
      'Event Tags split on ","',
      'human rights, world order',
      'human rights | world order',
    ]);
    expect(lines).toContain('  not in the map: All Day Event, Event Cost');
    expect(lines.filter((l) => / mapped by /.test(l))).toHaveLength(3);
  });

  it('reports a date the format does not read as file:line: field: message, and a changed map re-reads the file', async () => {
    const dir = tempDir();
    const csv = join(dir, 'wordpress-events.csv');
    writeFileSync(csv, readFileSync(CSV, 'utf8').replace('12/07/2020,2:00 PM', '2020-12-07,2:00 PM'));
    copyFileSync(join(FIXTURES, 'wordpress-events.map.yml'), join(dir, 'wordpress-events.map.yml'));
    const env = { EVENT_DB: join(dir, 'events.db') };

    const refused = await cli(['import', csv], env);
    writeFileSync(
      join(dir, 'wordpress-events.map.yml'),
      readFileSync(join(FIXTURES, 'wordpress-events.map.yml'), 'utf8').replace(
        'format: [MM/dd/yyyy h:mm a, MM/dd/yyyy]\n    zone: America/New_York\n  end',
        'format: [MM/dd/yyyy h:mm a, yyyy-MM-dd h:mm a]\n    zone: America/New_York\n  end',
      ),
    );
    const fixed = await cli(['import', csv], env);

    expect(refused.code).toBe(1);
    expect(refused.err.split('\n')).toEqual([
      `${csv}:4: start: "2020-12-07 2:00 PM" (from Event Start Date + Event Start Time) does not read as MM/dd/yyyy h:mm a or MM/dd/yyyy`,
    ]);
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain('3 added');
  });

  it('leaves calendars alone: a broken EVENT_ARCHIVE_MAP refuses the exports it applies to, not an .ics beside them', async () => {
    const dir = tempDir();
    copyFileSync(JSON_EXPORT, join(dir, 'eventbrite-events.json'));
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART:20270110T150000Z',
      'SUMMARY:Cal',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ];
    writeFileSync(join(dir, 'calendar.ics'), ics.join('\r\n'));
    writeFileSync(join(dir, 'broken.map.yml'), 'fields:\n  title: [\n');

    const result = await cli(['check', dir], {
      EVENT_DB: ':memory:',
      EVENT_ARCHIVE_MAP: join(dir, 'broken.map.yml'),
    });

    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/broken\.map\.yml:\d+: not valid YAML or JSON/);
    expect(result.out).toMatch(/2 file\(s\) checked: 1 valid event\(s\), 1 file\(s\) with problems/);
  });

  it('names the line of a map field that is not ours', async () => {
    const dir = tempDir();
    copyFileSync(CSV, join(dir, 'wordpress-events.csv'));
    writeFileSync(
      join(dir, 'wordpress-events.map.yml'),
      'fields:\n  title: Event Name\n  titel: Event Excerpt\n',
    );

    const result = await cli(['check', join(dir, 'wordpress-events.csv')], { EVENT_DB: ':memory:' });

    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /wordpress-events\.map\.yml:3: fields(\.titel)?: .*fields: id, title, type, start/,
    );
  });

  it('maps JSON Lines through arrays of objects and Markdown front matter, keeping fields already in our names', () => {
    const fieldMap = map(
      'fields:\n  title: event.name\n  start: { from: event.when, format: "d LLLL yyyy" }\n  speakers: event.panel.name\n',
    );
    const line = JSON.stringify({
      event: {
        name: 'Book launch',
        when: '21 March 2018',
        panel: [{ name: 'A. Author' }, { name: 'B. Critic' }],
      },
      tags: ['books'],
    });

    const jsonl = loadJsonLines(`${line}\n`, 'x.jsonl', {
      now: new Date(),
      defaultZone: 'UTC',
      map: fieldMap,
    });
    const markdown = loadMarkdown(
      '---\nevent:\n  name: Book launch\n  when: 21 March 2018\n---\nThe author in conversation.\n',
      'x.md',
      { now: new Date(), defaultZone: 'UTC', map: fieldMap },
    );

    expect(jsonl.problems).toEqual([]);
    expect(jsonl.events[0]).toMatchObject({
      title: 'Book launch',
      start: '2018-03-21',
      speakers: [{ name: 'A. Author' }, { name: 'B. Critic' }],
      tags: ['books'],
    });
    expect(markdown.problems).toEqual([]);
    expect(markdown.events[0]).toMatchObject({
      title: 'Book launch',
      start: '2018-03-21',
      summary: 'The author in conversation.',
    });
  });
});
