import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMarkdown } from '../../src/archive/markdown-loader.js';
import { formatProblem } from '../../src/archive/types.js';

const options = { now: new Date('2024-01-01T00:00:00Z'), defaultZone: 'UTC' };
const fixture = readFileSync(
  new URL('../fixtures/archive/women-in-peacekeeping.md', import.meta.url),
  'utf8',
);

const load = (text: string) => loadMarkdown(text, 'event.md', options);
const messages = (text: string) => load(text).problems.map(formatProblem);

describe('loadMarkdown', () => {
  it('reads every front-matter field and keeps the Markdown as the body', () => {
    const { events, problems } = load(fixture);

    expect(problems).toEqual([]);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      id: '2019-05-14-women-in-peacekeeping-from-targets-to-practice',
      title: 'Women in Peacekeeping: From Targets to Practice',
      type: 'Policy Forum',
      start: '2019-05-14T13:15:00-04:00',
      end: '2019-05-14T14:45:00-04:00',
      timezone: 'America/New_York',
      location: '777 United Nations Plaza, New York',
      url: 'https://events.example.org/2019/women-in-peacekeeping',
      hosts: ['International Peace Institute', 'Permanent Mission of Canada to the UN'],
      speakers: [
        { name: 'Amina Diallo', role: 'Police Adviser, Department of Peace Operations' },
        { name: 'Marta Lindqvist' },
      ],
      themes: [
        {
          title: 'Deployment targets',
          summary: 'Why the targets for women in formed police units are behind schedule.',
        },
        { title: 'Training and retention', summary: '' },
      ],
      tags: ['peacekeeping', 'gender'],
      source: { file: 'event.md', line: 1 },
    });
    expect(event.body).toMatch(/^# Women in Peacekeeping\n\nPanelists discussed/);
    expect(event.body).toMatch(/Chatham House rule\.$/);
  });

  it('takes the first prose paragraph of the body as the summary when none is given', () => {
    const [event] = load(fixture).events;

    expect(event.summary).toBe(
      'Panelists discussed how troop- and police-contributing countries can meet the targets set for women in peacekeeping.',
    );
  });

  it('prefers a summary written in the front matter', () => {
    const [event] = load('---\ntitle: Talk\nstart: 2020-01-02\nsummary: Short.\n---\nLong body.\n').events;

    expect(event.summary).toBe('Short.');
    expect(event.body).toBe('Long body.');
  });

  it('keeps unquoted YAML dates as strings, never Date objects', () => {
    const [event] = load('---\ntitle: Dinner\nstart: 2013-09-25\nend: 2013-09-26\n---\n').events;

    expect(event.start).toBe('2013-09-25');
    expect(event.end).toBe('2013-09-26');
    expect(event.id).toBe('2013-09-25-dinner');
  });

  it('reports a bad start on the line of its key', () => {
    const text = ['---', 'title: Dinner', 'type: Panel Discussion', 'start: 25/09/2013', '---', 'Body.'].join(
      '\n',
    );

    expect(messages(text)).toEqual([
      'event.md:4: start: expected a date like 2013-09-25 or a date-time with offset like 2013-09-25T19:00:00-04:00',
    ]);
    expect(load(text).events).toEqual([]);
  });

  it('reports a missing title on line 1, where the record starts', () => {
    const problems = load('---\nstart: 2013-09-25\n---\nBody.\n').problems;

    expect(problems).toEqual([{ file: 'event.md', line: 1, field: 'title', message: 'is required' }]);
  });

  it('points a problem inside a list at the list item', () => {
    const text = [
      '---',
      'title: Dinner',
      'start: 2013-09-25',
      'themes:',
      '  - Resourcing',
      '  - title: ""',
      '---',
    ].join('\n');

    expect(messages(text)).toEqual(['event.md:6: themes.1.title: must not be empty']);
  });

  it('reports an end before the start on the end line', () => {
    expect(messages('---\ntitle: Dinner\nstart: 2013-09-25\nend: 2013-09-24\n---\n')).toEqual([
      'event.md:4: end: must not be before start',
    ]);
  });

  it('explains a file without front matter', () => {
    const [problem] = load('# Just notes\n\nNo fields here.\n').problems;

    expect(problem.line).toBe(1);
    expect(problem.message).toMatch(/^no front matter: start the file with a line '---'/);
  });

  it('explains front matter that is never closed', () => {
    expect(messages('---\ntitle: Dinner\nstart: 2013-09-25\n\nBody text.\n')).toEqual([
      "event.md:1: front matter is never closed: end it with a line '---'",
    ]);
  });

  it('reports invalid YAML at the line the yaml parser names', () => {
    const problems = load('---\ntitle: Dinner\nstart: [2013-09-25\ntags: x\n---\n').problems;

    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(4);
    expect(problems[0].message).toMatch(/^front matter is not valid YAML: Flow sequence/);
    expect(problems[0].message).not.toContain('\n');
  });

  it('reports a repeated key at its second occurrence', () => {
    const problems = load('---\ntitle: Dinner\nstart: 2013-09-25\ntitle: Lunch\n---\n').problems;

    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [4, 'front matter is not valid YAML: Map keys must be unique'],
    ]);
  });

  it('refuses JavaScript front matter instead of evaluating it', () => {
    const scope = globalThis as { markdownLoaderRan?: boolean };
    const text = "---js\n{ title: (globalThis.markdownLoaderRan = true, 'x'), start: '2013-09-25' }\n---\n";

    const { events, problems } = load(text);

    expect(events).toEqual([]);
    expect(problems).toEqual([
      { file: 'event.md', line: 1, message: "front matter must open with a line '---' and be YAML" },
    ]);
    expect(scope.markdownLoaderRan).toBeUndefined();
  });

  it('refuses front matter that is a list rather than fields', () => {
    expect(messages('---\n- title\n- start\n---\n')).toEqual([
      "event.md:2: front matter must be YAML 'field: value' lines, such as 'title: …'",
    ]);
  });

  it('reads Windows line endings with the same line numbers', () => {
    const text = '---\r\ntitle: Dinner\r\ntype: Talk\r\nstart: 2013-09-25x\r\n---\r\nBody.\r\n';

    expect(load(text).problems.map((p) => [p.line, p.field])).toEqual([[4, 'start']]);
  });

  it('turns garbage into a problem, not an exception', () => {
    const garbage = `---\n${'\u0000{[:}-'.repeat(20_000)}\n---\n`;

    expect(() => load(garbage)).not.toThrow();
    expect(load(garbage).problems.length).toBeGreaterThan(0);
    expect(load(garbage).events).toEqual([]);
  });
});
