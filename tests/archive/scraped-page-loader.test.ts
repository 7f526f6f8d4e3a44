import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostsIn, loadScrapedPage, singular } from '../../src/archive/scraped-page-loader.js';
import { formatProblem } from '../../src/archive/types.js';

const options = { now: new Date('2024-01-01T00:00:00Z'), defaultZone: 'UTC' };
const seed = readFileSync(new URL('../fixtures/archive/seed-page.txt', import.meta.url), 'utf8');

const load = (text: string) => loadScrapedPage(text, 'page.txt', options);

const THEME_TITLES = [
  'The challenges posed by riskier environments and asymmetric threats',
  'Resourcing',
  "UN peacekeeping's legitimacy",
  'The use of new technologies',
  'Partnerships with regional organizations',
  'Partnership with host countries',
  'Peacekeeping governance',
];

describe('loadScrapedPage on the seed page', () => {
  const { events, problems } = load(seed);
  const dinner = events[0];

  it('finds the headline event and the three recent events, and nothing from the sidebar', () => {
    expect(problems).toEqual([]);
    expect(events).toHaveLength(4);
    expect(events.map((e) => e.title)).not.toContain(
      'Overlooked Among 50 Million Displaced Worldwide, Women and Girls Lose Out',
    );
  });

  it('reads the dinner from its category and date line', () => {
    expect(dinner).toMatchObject({
      id: '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping',
      title: 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping',
      type: 'Panel Discussion',
      start: '2013-09-25',
      source: { file: 'page.txt', line: 7 },
    });
  });

  it('keeps the seven key themes in order, with their descriptions', () => {
    expect(dinner.themes.map((t) => t.title)).toEqual(THEME_TITLES);
    expect(dinner.themes[1].summary).toMatch(/^In recent years, more challenging mandates/);
    expect(dinner.themes[1].summary).toContain('"more with less,"');
    expect(dinner.themes[6].summary).toMatch(/substantive C-34 negotiations\.$/);
  });

  it('reads exactly the three hosts', () => {
    expect(dinner.hosts).toEqual([
      'Government of Finland',
      'Government of Uruguay',
      'International Peace Institute',
    ]);
  });

  it('summarises with the paragraphs before the key-themes intro and keeps them all in the body', () => {
    expect(dinner.summary).toMatch(/^A ministerial-level dinner on "Strengthening the Partnership/);
    expect(dinner.summary).toMatch(/political support and engagement\.$/);
    expect(dinner.summary.split('\n\n')).toHaveLength(3);
    expect(dinner.body.startsWith(dinner.summary)).toBe(true);
    expect(dinner.body).toContain('several key themes emerged:\n\n1. The challenges posed');
    expect(dinner.body).not.toContain('Global Observatory');
  });

  it('normalises spaces and quotes but keeps dashes', () => {
    const text = JSON.stringify(events);

    expect(text).not.toMatch(/[\u00a0\u2018\u2019\u201c\u201d]/);
    expect(dinner.summary).toContain("international community's most effective–and cost-effective–tools");
  });

  it('reads each recent event from its date line', () => {
    expect(events.slice(1).map((e) => [e.start, e.title, e.type, e.source?.line])).toEqual([
      ['2014-10-09', 'Rethinking Women and Forced Migration', 'Event', 48],
      ['2014-10-09', "Africa: China's Second Continent", 'Event', 52],
      ['2014-09-30', 'Vike-Freiberga: Rethinking the United Nations', 'Event', 56],
    ]);
    expect(events[2].summary).toMatch(/^Speaking at an IPI Distinguished Author Series event/);
    expect(events[3].speakers).toEqual([]);
  });
});

describe('loadScrapedPage on other pages', () => {
  it('reports an impossible date on the category line', () => {
    const page = 'Events\n\nPolicy Forums - Friday, February 30, 2013\n\nA Forum\n\nText.\n';

    expect(load(page).problems.map(formatProblem)).toEqual([
      'page.txt:3: start: expected a date like 2013-09-25 or a date-time with offset like 2013-09-25T19:00:00-04:00',
    ]);
  });

  it('reports a missing title on the line the event starts', () => {
    const page =
      'Panel Discussions - Wednesday, September 25, 2013\n\nRecent Events\n\nOctober 09, 2014\nA Talk\nText.\n';

    expect(load(page).problems).toEqual([
      { file: 'page.txt', line: 1, field: 'title', message: 'is required' },
    ]);
  });

  it('reports a recent entry without a title on its date line', () => {
    const page = 'Recent Events\n\nOctober 09, 2014\nA Talk\nText.\n\nSeptember 30, 2014\n\nView More';

    expect(load(page).problems.map((p) => [p.line, p.field])).toEqual([[7, 'title']]);
  });

  it('says what it expected when a page has no dated event', () => {
    expect(load('IPI Home\n\nAbout us\n\nContact\n').problems).toEqual([
      {
        file: 'page.txt',
        line: 1,
        message:
          "no dated event found: expected a line like 'Panel Discussions - Wednesday, September 25, 2013'",
      },
    ]);
  });

  it('ignores dates outside a recent-events list', () => {
    const page = 'The Global Observatory\n\nOctober 09, 2014\nA Teaser\nText.\n';

    expect(load(page).problems[0].message).toMatch(/^no dated event found/);
  });

  it('keeps line numbers with Windows line endings', () => {
    const [event] = load(seed.replace(/\n/g, '\r\n')).events;

    expect(event.source?.line).toBe(7);
    expect(event.themes).toHaveLength(7);
  });

  it('turns 10 MB of garbage into a problem, not an exception', () => {
    let state = 42;
    const alphabet = 'abc XYZ019 -–:.,\n\u00a0\u2019"()Panel Discussions - Wednesday, September ';
    const chars: string[] = [];
    for (let i = 0; i < 1024 * 1024; i++) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      chars.push(alphabet[state % alphabet.length]);
    }
    const garbage = chars.join('').repeat(10);

    const result = load(garbage);

    expect(result.events).toEqual([]);
    expect(result.problems[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/^no dated event found/),
    });
  });

  it('copes with one 10 MB line that almost looks like a heading', () => {
    const line = `Panel Discussions - Wednesday, ${'September 25, 2013 - '.repeat(500_000)}`;

    expect(load(line).problems[0].message).toMatch(/^no dated event found/);
  });
});

describe('singular', () => {
  it.each([
    ['Panel Discussions', 'Panel Discussion'],
    ['Policy Forums', 'Policy Forum'],
    ['Book Launches', 'Book Launch'],
    ['Ceremonies', 'Ceremony'],
    ['Speaker Series', 'Speaker Series'],
    ['Press', 'Press'],
    ['Events', 'Event'],
    ['Conference', 'Conference'],
  ])('%s → %s', (plural, one) => {
    expect(singular(plural)).toBe(one);
  });
});

describe('hostsIn', () => {
  it('reads "co-hosted by X and Y"', () => {
    expect(hostsIn(['It was co-hosted by the Permanent Mission of Norway and IPI.'])).toEqual([
      'Permanent Mission of Norway',
      'IPI',
    ]);
  });

  it('finds nobody when no sentence names hosts', () => {
    expect(hostsIn(['Speakers discussed the hosting of refugees.'])).toEqual([]);
  });
});
