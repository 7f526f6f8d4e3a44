import { describe, expect, it } from 'vitest';
import {
  buildDigest,
  describeSchedule,
  digestHorizonMs,
  nextRun,
  parseSubscribe,
} from '../../../src/core/reminders/digest.js';
import {
  DEFAULT_WORKSPACE,
  type DigestSchedule,
  type Subscription,
} from '../../../src/core/reminders/model.js';
import { formatInZone } from '../../../src/core/when-text.js';
import { relevanceContext } from '../../helpers/search.js';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const mondays9: DigestSchedule = { cadence: 'weekly', weekday: 1, hour: 9, minute: 0 };
const iso = (ms: number) => new Date(ms).toISOString();

describe('parseSubscribe', () => {
  it.each([
    ['', { query: '', schedule: mondays9, postWhenEmpty: false }],
    ['peacekeeping', { query: 'peacekeeping', schedule: mondays9, postWhenEmpty: false }],
    [
      'peacekeeping weekly wednesday at 2:30pm',
      {
        query: 'peacekeeping',
        schedule: { cadence: 'weekly', weekday: 3, hour: 14, minute: 30 },
        postWhenEmpty: false,
      },
    ],
    [
      'to women peace security daily at 7:30 always',
      {
        query: 'women peace security',
        schedule: { cadence: 'daily', hour: 7, minute: 30 },
        postWhenEmpty: true,
      },
    ],
    [
      'theme resourcing every friday',
      {
        query: 'theme:"resourcing"',
        schedule: { cadence: 'weekly', weekday: 5, hour: 9, minute: 0 },
        postWhenEmpty: false,
      },
    ],
    [
      'climate on sundays at noon tz:Europe/Berlin',
      {
        query: 'climate',
        schedule: { cadence: 'weekly', weekday: 7, hour: 12, minute: 0 },
        postWhenEmpty: false,
        zone: BERLIN,
      },
    ],
  ])('reads "%s"', (text, request) => {
    expect(parseSubscribe(text)).toEqual(request);
  });

  it.each([
    ['x daily weekly', /one of daily, weekly or monthly/],
    ['x at 25:00', /couldn't read “25:00”/],
    ['x tz:Mars/Olympus_Mons', /not a time zone I know/],
  ])('explains what is wrong with "%s"', (text, problem) => {
    expect(parseSubscribe(text).problem).toMatch(problem);
  });

  it('describes a schedule in words', () => {
    expect(describeSchedule(mondays9, BERLIN)).toBe('every Monday at 09:00 (Europe/Berlin)');
    expect(describeSchedule({ cadence: 'daily', hour: 7, minute: 5 }, 'UTC')).toBe(
      'every day at 07:05 (UTC)',
    );
  });
});

describe('nextRun across DST', () => {
  it('keeps a weekly Monday 09:00 Berlin digest at 09:00 local on both sides of the spring switch', () => {
    const before = nextRun(mondays9, BERLIN, Date.parse('2027-03-19T12:00:00Z'));
    const after = nextRun(mondays9, BERLIN, before);
    const later = nextRun(mondays9, BERLIN, after);
    expect([before, after, later].map(iso)).toEqual([
      '2027-03-22T08:00:00.000Z', // CET
      '2027-03-29T07:00:00.000Z', // CEST, the day after the switch
      '2027-04-05T07:00:00.000Z',
    ]);
    expect(formatInZone(after, BERLIN)).toBe('Monday, 29 March 2027 at 09:00 GMT+2');
  });

  it('keeps a weekly Sunday 09:00 New York digest at 09:00 local on the autumn switch day', () => {
    const sundays9: DigestSchedule = { cadence: 'weekly', weekday: 7, hour: 9, minute: 0 };
    expect(iso(nextRun(sundays9, NY, Date.parse('2027-11-01T12:00:00Z')))).toBe('2027-11-07T14:00:00.000Z');
    expect(iso(nextRun(sundays9, NY, Date.parse('2027-10-25T12:00:00Z')))).toBe('2027-10-31T13:00:00.000Z');
  });

  it('runs later today when today’s time is still ahead, else the next day', () => {
    const daily: DigestSchedule = { cadence: 'daily', hour: 9, minute: 0 };
    expect(iso(nextRun(daily, NY, Date.parse('2026-11-29T12:00:00Z')))).toBe('2026-11-29T14:00:00.000Z');
    expect(iso(nextRun(daily, NY, Date.parse('2026-11-29T14:00:00Z')))).toBe('2026-11-30T14:00:00.000Z');
  });

  it('moves a time that does not exist on the spring-forward day forward by the gap', () => {
    const daily: DigestSchedule = { cadence: 'daily', hour: 2, minute: 30 };
    expect(formatInZone(nextRun(daily, NY, Date.parse('2027-03-14T05:00:00Z')), NY)).toBe(
      'Sunday, 14 March 2027 at 03:30 EDT',
    );
  });
});

const context = await relevanceContext(NY);

describe('buildDigest', () => {
  const index = context.commands.index;
  const RUN = Date.parse('2026-11-30T14:00:00Z'); // Monday 09:00 in New York
  const subscription = (overrides: Partial<Subscription> = {}): Subscription => ({
    id: '1',
    workspace: DEFAULT_WORKSPACE,
    channelId: 'C1',
    createdBy: 'U1',
    query: 'peacekeeping',
    schedule: mondays9,
    zone: NY,
    postWhenEmpty: false,
    state: 'active',
    runMs: RUN,
    attempts: 0,
    createdMs: 0,
    ...overrides,
  });

  it('contains exactly the matching events that start within the next two weeks', () => {
    const digest = buildDigest(subscription(), index, RUN, RUN);
    const inWindow = index.events(
      index.browse({ fromMs: RUN, toMs: RUN + digestHorizonMs(mondays9) }, 'asc', 50, 0),
    );
    const expected = inWindow.filter((e) => /peacekeep/i.test(JSON.stringify(e))).map((e) => e.id);
    expect(digest?.items.map((h) => h.event.id)).toEqual(expected);
    expect(expected).toEqual(['2026-12-03-the-review-of-peace-operations-findings-and-next-steps']);
    expect(inWindow.length).toBeGreaterThan(expected.length);
    expect(digest?.heading).toBe('Weekly digest: peacekeeping');
  });

  it('lists every upcoming event in the window, soonest first, when the query is empty', () => {
    expect(buildDigest(subscription({ query: '' }), index, RUN, RUN)?.items.map((h) => h.event.id)).toEqual([
      '2026-12-03-the-review-of-peace-operations-findings-and-next-steps',
      '2026-12-09-protecting-humanitarian-workers-in-armed-conflict',
    ]);
  });

  it('matches a theme filter', () => {
    const { query } = parseSubscribe('theme mission models');
    expect(buildDigest(subscription({ query }), index, RUN, RUN)?.items.map((h) => h.event.start)).toEqual([
      '2026-12-03T13:15:00-05:00',
    ]);
  });

  it('is not posted when nothing matches, unless the channel asked for empty digests', () => {
    const nextWeek = Date.parse('2026-12-07T14:00:00Z'); // the review is over by then
    expect(buildDigest(subscription({ runMs: nextWeek }), index, nextWeek, nextWeek)).toBeUndefined();
    const empty = buildDigest(
      subscription({ runMs: nextWeek, postWhenEmpty: true }),
      index,
      nextWeek,
      nextWeek,
    );
    expect(empty?.items).toEqual([]);
    expect(empty?.empty).toBe('No upcoming events match “peacekeeping” before Monday, 21 December 2026.');
  });

  it('leaves out an event that began by the time a late digest goes out', () => {
    const late = Date.parse('2026-12-03T18:30:00Z'); // the review began at 18:15Z
    expect(buildDigest(subscription(), index, RUN, late)).toBeUndefined();
  });
});

describe('a monthly digest', () => {
  it.each([
    ['peacekeeping monthly', { cadence: 'monthly', day: 1, hour: 9, minute: 0 }, 'peacekeeping'],
    ['monthly on the 15th at 8am', { cadence: 'monthly', day: 15, hour: 8, minute: 0 }, ''],
    ['mali every month on day 31 at 18:30', { cadence: 'monthly', day: 31, hour: 18, minute: 30 }, 'mali'],
  ] as const)('reads "%s"', (text, schedule, query) => {
    const request = parseSubscribe(text);
    expect(request.problem).toBeUndefined();
    expect(request.schedule).toEqual(schedule);
    expect(request.query).toBe(query);
  });

  it('refuses a day no month has, and a second cadence', () => {
    expect(parseSubscribe('monthly on the 32nd').problem).toMatch(/days 1 to 31/);
    expect(parseSubscribe('monthly weekly').problem).toMatch(/one of daily, weekly or monthly/);
  });

  it('runs on its day each month at wall-clock time, on the last day of a shorter month', () => {
    const on31: DigestSchedule = { cadence: 'monthly', day: 31, hour: 9, minute: 0 };
    let at = Date.parse('2027-01-31T15:00:00Z');
    const runs: string[] = [];
    for (let i = 0; i < 4; i++) {
      at = nextRun(on31, NY, at);
      runs.push(formatInZone(at, NY));
    }
    expect(runs).toEqual([
      'Sunday, 28 February 2027 at 09:00 EST',
      'Wednesday, 31 March 2027 at 09:00 EDT',
      'Friday, 30 April 2027 at 09:00 EDT',
      'Monday, 31 May 2027 at 09:00 EDT',
    ]);
    expect(describeSchedule({ cadence: 'monthly', day: 1, hour: 9, minute: 0 }, 'UTC')).toBe(
      'on the 1st of every month at 09:00 (UTC)',
    );
    expect(describeSchedule({ ...on31, day: 22 }, 'UTC')).toMatch(/^on the 22nd of every month/);
    expect(digestHorizonMs({ cadence: 'monthly', day: 1, hour: 9, minute: 0 })).toBe(62 * 24 * 60 * 60_000);
  });
});
