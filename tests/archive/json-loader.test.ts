import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../src/archive/index.js';
import { loadJson, loadJsonLines } from '../../src/archive/json-loader.js';
import { formatProblem } from '../../src/archive/types.js';

const dinner = {
  title: 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping',
  type: 'Ministerial Dinner',
  start: '2013-09-25',
  hosts: ['Government of Finland', 'Government of Uruguay', 'International Peace Institute'],
  themes: [
    'Resourcing',
    { title: 'Peacekeeping governance', summary: 'The C-34 did not negotiate in 2013.' },
  ],
};

describe('loadJson', () => {
  it('takes a top-level array and records each event at the line it starts on', () => {
    const text = JSON.stringify(
      [dinner, { title: 'Rethinking Women and Forced Migration', start: '2014-10-09' }],
      null,
      2,
    );
    const result = loadJson(text, 'events.json');
    expect(result.problems).toEqual([]);
    expect(result.events.map((e) => e.source)).toEqual([
      { file: 'events.json', line: 2 },
      { file: 'events.json', line: text.split('\n').findIndex((l) => l.includes('Rethinking')) },
    ]);
    expect(result.events[0].themes[1]).toEqual({
      title: 'Peacekeeping governance',
      summary: 'The C-34 did not negotiate in 2013.',
    });
  });

  it('takes { "events": [...] }, names the line and field of a bad date, and keeps only the valid events', () => {
    const text = `{
  "organization": "IPI",
  "events": [
    { "title": "A", "start": "2014-10-09" },
    {
      "title": "B",
      "start": "October 9th"
    }
  ]
}`;
    const result = loadJson(text, 'feed.json');
    expect(result.events.map((e) => e.title)).toEqual(['A']);
    expect(result.problems.map(formatProblem)).toEqual([
      'feed.json:5: start: expected a date like 2013-09-25 or a date-time with offset like 2013-09-25T19:00:00-04:00',
    ]);
  });

  it('names the line of a JSON syntax error', () => {
    const result = loadJson('[\n  {"title": "A",\n   "start": "2014-10-09",,}\n]', 'broken.json');
    expect(result.problems[0]).toMatchObject({ file: 'broken.json', line: 3 });
    expect(result.problems[0].message).toMatch(/not valid JSON/);
  });

  it('refuses a document that is not a list of events', () => {
    expect(loadJson('{"title": "lonely"}', 'x.json').problems[0].message).toMatch(/array of events/);
  });

  it('refuses the same id twice in one file', () => {
    const result = loadJson(JSON.stringify([dinner, dinner], null, 1), 'dup.json');
    expect(result.problems[0]).toMatchObject({ field: 'id' });
    expect(result.problems[0].message).toMatch(/already used on line 2/);
  });
});

describe('loadJsonLines', () => {
  it('reports a broken line 7 by its number and keeps the other eight for a partial import', () => {
    const lines = Array.from({ length: 9 }, (_, i) =>
      JSON.stringify({ title: `Forum ${i + 1}`, start: `2015-01-0${i + 1}` }),
    );
    lines[6] = '{"title": "Forum 7", "start": "2015-01-07"';
    const result = loadJsonLines(lines.join('\n'), 'feed.jsonl');
    expect(result.events.map((e) => e.title)).not.toContain('Forum 7');
    expect(result.events).toHaveLength(8);
    expect(result.problems).toHaveLength(1);
    expect(formatProblem(result.problems[0])).toMatch(/^feed\.jsonl:7: not valid JSON/);
  });

  it('names the line of a missing title', () => {
    const text = '{"title": "Forum", "start": "2015-01-01"}\n\n{"start": "2015-01-02"}\n';
    expect(loadJsonLines(text, 'f.jsonl').problems.map(formatProblem)).toEqual([
      'f.jsonl:3: title: is required',
    ]);
  });

  it('skips blank lines and keeps line numbers true', () => {
    const result = loadJsonLines('\n{"title": "Forum", "start": "2015-01-01"}\n', 'f.jsonl');
    expect(result.events[0].source).toEqual({ file: 'f.jsonl', line: 2 });
  });
});

describe('JSON Lines read from bytes', () => {
  const options = { now: new Date('2026-11-29T12:00:00Z'), defaultZone: 'UTC' };
  const record = (title: string, extra = '') => `{"title": "${title}", "start": "2015-01-01"${extra}}`;
  const texts = [
    [record('Forum'), record('Dialogue “on” Peace — Genève'), record('Last')].join('\n'),
    `\n\n${record('After blanks')}\n   \n${record('Indented')}  \n`,
    [record('A'), 'not json', record('A'), '{"start": "2015-01-01"}', '[1]', record('B', ', "id": 7')].join(
      '\n',
    ),
    `${record('Ends without a line feed')}\n${record('Ümlaut ünd ß')}`,
    `${record('Line separator \u2028 inside')}\n\u00a0${record('No-break space before')}\u00a0`,
  ];

  it('reads each line as the text path does: the same events, problems and line numbers', () => {
    for (const text of texts) {
      const fromBytes = loadJsonLines.fromBytes?.(Buffer.from(text, 'utf8'), 'f.jsonl', options);
      expect(fromBytes).toStrictEqual(loadJsonLines(text, 'f.jsonl', options));
    }
  });

  it('is what loadBytes uses for plain UTF-8, and the text path decides for blank files, CR line ends and byte order marks', () => {
    const loader = Object.assign(
      (text: string, file: string) => ({ ...loadJsonLines(text, file, options), viaText: true }),
      { fromBytes: loadJsonLines.fromBytes },
    );
    const load = (text: string) => loadBytes(Buffer.from(text, 'utf8'), loader, 'f.jsonl', options);
    expect(load(`${record('Plain')}\n`)).not.toHaveProperty('viaText');
    expect(load(`\ufeff${record('Marked')}\n`)).not.toHaveProperty('viaText');
    expect(load(`\ufeff${record('Marked')}\n`).events[0].title).toBe('Marked');
    expect(load(`${record('Windows')}\r\n${record('Lines')}\r\n`)).toHaveProperty('viaText', true);
    expect(load(' \n\n ').problems.map(formatProblem)).toEqual(['f.jsonl:1: file is empty']);
  });
});
