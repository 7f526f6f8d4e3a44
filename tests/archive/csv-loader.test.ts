import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../src/archive/csv-loader.js';
import { formatProblem } from '../../src/archive/types.js';

const options = { now: new Date('2024-01-01T00:00:00Z'), defaultZone: 'Europe/Helsinki' };
const fixture = readFileSync(new URL('../fixtures/archive/events-export.csv', import.meta.url), 'utf8');

const load = (text: string) => loadCsv(text, 'events.csv', options);
const messages = (text: string) => load(text).problems.map(formatProblem);

describe('loadCsv', () => {
  it('reads a spreadsheet export with aliased headers, one event per row', () => {
    const { events, problems } = load(fixture);

    expect(problems).toEqual([]);
    expect(events.map((e) => [e.id, e.start, e.type, e.source?.line])).toEqual([
      ['2014-10-09-rethinking-women-and-forced-migration', '2014-10-09', 'Panel Discussion', 2],
      ['2014-10-09-africa-china-s-second-continent', '2014-10-09T13:00:00-04:00', 'Book Launch', 3],
      ['2014-09-30-vike-freiberga-rethinking-the-united-nations', '2014-09-30T10:00:00-04:00', 'Speech', 5],
    ]);
  });

  it('splits list cells on ";" and reads "Name (Role)" and "Title: summary"', () => {
    const [women, china, un] = load(fixture).events;

    expect(women.tags).toEqual(['migration', 'women']);
    expect(women.hosts).toEqual(['International Peace Institute']);
    expect(women.url).toBe('https://events.example.org/2014/women-forced-migration');
    expect(china.speakers).toEqual([{ name: 'Howard French', role: 'Author' }]);
    expect(china.tags).toEqual(['africa', 'china']);
    expect(un.speakers).toEqual([{ name: 'Vaira Vike-Freiberga' }]);
    expect(un.themes).toEqual([
      { title: 'Reform', summary: 'the UN must rethink its structure and approach to peace' },
      { title: 'Legitimacy', summary: '' },
    ]);
  });

  it('keeps a quoted multi-line cell whole', () => {
    const china = load(fixture).events[1];

    expect(china.summary).toBe(
      'Speaking at an IPI Distinguished Author Series event, Howard French made a case about Western underestimation of Africa.\n' +
        'He described the migration of nearly 2 million Chinese to the continent.',
    );
  });

  it('treats empty cells as absent', () => {
    const [women] = load(fixture).events;

    expect(women.timezone).toBeUndefined();
    expect(women.speakers).toEqual([]);
    expect(women.themes).toEqual([]);
  });

  it('matches header names case-insensitively', () => {
    const { events } = load('TITLE,Start,Time Zone,End_Date\nDinner,2013-09-25,UTC,2013-09-26\n');

    expect(events[0]).toMatchObject({
      title: 'Dinner',
      start: '2013-09-25',
      timezone: 'UTC',
      end: '2013-09-26',
    });
  });

  it("places a wall-clock time in the row's timezone, else the default zone", () => {
    const text =
      'title,start,end,timezone\nA,2013-09-25 19:00,2013-09-25 21:30,America/New_York\nB,2013-09-25 19:00,,\n';

    const [a, b] = load(text).events;

    expect(a.start).toBe('2013-09-25T19:00:00-04:00');
    expect(a.end).toBe('2013-09-25T21:30:00-04:00');
    expect(b.start).toBe('2013-09-25T19:00:00+03:00');
  });

  it('refuses day-first dates on the row line, naming start and saying what to write', () => {
    const text = 'title,start\nFirst,2013-09-24\nDinner,25/09/2013\n';

    expect(messages(text)).toEqual([
      'events.csv:3: start: "25/09/2013" is not a date this loader reads; ' +
        "write 2013-09-25, 2013-09-25 19:00 (in the row's timezone column), or 2013-09-25T19:00:00-04:00",
    ]);
    expect(load(text).events.map((e) => e.title)).toEqual(['First']);
  });

  it('counts no row as valid when the header is wrong', () => {
    const result = load('title,start,colour\nFirst,2013-09-24,red\n');
    expect(result.problems.map((p) => p.line)).toEqual([1]);
    expect(result.events).toEqual([]);
  });

  it('reports the starting line of a bad row after a multi-line cell', () => {
    const text = 'title,summary,start\nA,"two\nlines",2013-09-25\nB,x,September 2013\n';

    expect(load(text).problems.map((p) => [p.line, p.field])).toEqual([[4, 'start']]);
  });

  it('reports a missing title on its row', () => {
    const text = 'title,start,location\nDinner,2013-09-25,New York\n,2013-09-26,Geneva\n';

    expect(load(text).problems).toEqual([
      { file: 'events.csv', line: 3, field: 'title', message: 'is required' },
    ]);
  });

  it('reports a row with the wrong number of columns on its line', () => {
    const text = [
      'title,start,type,location,hosts,tags',
      'A,2013-09-25,Dinner,New York,IPI,un',
      'B,2013-09-26,Dinner,New York,IPI,un',
      '',
      'C,2013-09-27,Dinner,Geneva',
    ].join('\n');

    expect(messages(text)).toEqual(['events.csv:5: row has 4 columns, the header has 6']);
  });

  it('names an unknown column on line 1 and lists the known ones', () => {
    const [problem] = load('title,start,Organiser\nDinner,2013-09-25,IPI\n').problems;

    expect(problem.line).toBe(1);
    expect(problem.message).toMatch(
      /^unknown column "Organiser"; known columns are id, title, type, start, /,
    );
    expect(problem.message).toContain('hosts');
  });

  it('refuses two columns that mean the same field', () => {
    expect(messages('title,date,start\nDinner,2013-09-25,2013-09-25\n')).toEqual([
      'events.csv:1: columns "date" and "start" both mean start',
    ]);
  });

  it('skips rows whose cells are all empty', () => {
    const { events, problems } = load('title,start\nDinner,2013-09-25\n,\n\n');

    expect(problems).toEqual([]);
    expect(events).toHaveLength(1);
  });

  it('reports an unclosed quote on the row where it opens', () => {
    const text = 'title,start\nDinner,2013-09-25\n"Lunch,2013-09-26\nTea,2013-09-27\n';

    expect(messages(text)).toEqual([
      'events.csv:3: a quoted cell starting in this row is never closed (add the closing ")',
    ]);
  });

  it('turns garbage into a problem, not an exception', () => {
    const garbage = 'a"b,\n"c""d"e\u0000,,,\n'.repeat(50_000);

    expect(() => load(garbage)).not.toThrow();
    expect(load(garbage).problems.length).toBeGreaterThan(0);
  });
});
