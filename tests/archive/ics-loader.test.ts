import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { loadIcs } from '../../src/archive/ics/index.js';
import { formatProblem } from '../../src/archive/types.js';
import type { Event } from '../../src/core/model.js';

/** Real exports from other tools, copied into the repository (see tests/fixtures/interop/README.md). */
const INTEROP = new URL('../fixtures/interop/ics/', import.meta.url);
const SAMPLES = new URL('../../data/samples/upcoming-samples.ics', import.meta.url);
const DAY_MS = 86_400_000;

function load(text: string, now: string, file = 'test.ics', strict = false) {
  return loadIcs(text, file, { now: new Date(now), defaultZone: 'Europe/Helsinki', strict });
}

function loadInterop(name: string, now: string) {
  return load(readFileSync(new URL(name, INTEROP), 'utf8'), now, name);
}

/** The instant an event starts, in UTC, so offsets and zones do not matter to the comparison. */
function utc(value: string): string {
  return new Date(Date.parse(value)).toISOString();
}

function only(events: Event[], title: string): Event {
  const matches = events.filter((e) => e.title === title);
  expect(matches).toHaveLength(1);
  return matches[0];
}

function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

describe('loadIcs on real exports (tests/fixtures/interop/ics)', () => {
  it('reads Exchange 2010 Windows zone names and trims titles', () => {
    const { events, problems } = loadInterop('exchange-2010-windows-tzids.ics', '2020-10-15T00:00:00Z');

    expect(problems).toEqual([]);
    expect(new Set(events.map((e) => e.title))).toEqual(new Set(['TEST Syd', 'TEST', 'TEST 3', 'TEST2']));
    expect(utc(only(events, 'TEST Syd').start)).toBe('2020-10-28T02:30:00.000Z');
    expect(only(events, 'TEST Syd').timezone).toBe('Australia/Sydney');
    expect(utc(only(events, 'TEST').start)).toBe('2020-10-28T17:30:00.000Z');
    expect(utc(only(events, 'TEST 3').start)).toBe('2020-11-02T18:30:00.000Z');
    expect(only(events, 'TEST 3').timezone).toBe('America/New_York');
  });

  it('repeats the Exchange TEST2 series on Thursdays and Fridays until 2021-08-28', () => {
    const { events } = loadInterop('exchange-2010-windows-tzids.ics', '2020-10-15T00:00:00Z');
    const series = events.filter((e) => e.title === 'TEST2');
    const local = series.map((e) => DateTime.fromISO(e.start, { zone: 'America/New_York' }));

    expect(series).toHaveLength(86);
    expect(new Set(local.map((d) => d.weekday))).toEqual(new Set([4, 5]));
    expect(utc(series[0].start)).toBe('2020-11-05T18:30:00.000Z');
    expect(local.at(-1)?.toISODate()).toBe('2021-08-27');
    expect(Date.parse(series.at(-1)?.start ?? '')).toBeLessThanOrEqual(Date.parse('2021-08-28T14:00:00Z'));
  });

  it('reads a quoted Windows TZID on DTSTART with IANA zones on DTEND and EXDATE', () => {
    const { events, problems } = loadInterop('windows-quoted-tz-rrule.ics', '2015-07-01T00:00:00Z');

    expect(problems).toEqual([]);
    expect(events).toHaveLength(10);
    expect(utc(events[0].start)).toBe('2015-07-06T16:00:00.000Z');
    expect(utc(events[0].end ?? '')).toBe('2015-07-06T20:00:00.000Z');
    events.forEach((e, i) => {
      expect(Date.parse(e.start) - Date.parse(events[0].start)).toBe(i * DAY_MS);
    });
    expect(events.every((e) => e.title === 'Treasure Hunting')).toBe(true);
  });

  it('reads Apple iCal floating, inline-zone, UTC and bare-date values', () => {
    const { events, problems } = loadInterop('apple-ical-mixed-timezones.ics', '2002-10-01T00:00:00Z');

    expect(problems).toEqual([]);
    expect(utc(only(events, 'UTC Timezone').start)).toBe('2002-10-28T01:20:30.000Z');
    expect(utc(only(events, 'Inline Timezone').start)).toBe('2002-10-28T06:20:30.000Z');
    expect(utc(only(events, 'No Timezone').start)).toBe('2002-10-28T09:20:30.000Z');
    expect(only(events, 'No Timezone').timezone).toBe('America/Los_Angeles');
    for (const title of ['Date Only (Explicit)', 'Date Only (Implicit)']) {
      const event = only(events, title);
      expect(event.start).toBe('2002-10-28');
      expect(event.end).toBeUndefined();
    }
  });

  it('unescapes RFC 5545 text exactly once', () => {
    const { events, problems } = loadInterop('text-escaped-backslashes.ics', '2025-01-01T00:00:00Z');

    expect(problems).toEqual([]);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.title).toBe('C:\\new\\Notes');
    expect(event.location).toBe('Folder\\, room; desk');
    expect(event.summary.split('\n')).toEqual([
      'Write \\n or \\N for a literal escape.',
      'Next line.',
      'Last line.',
    ]);
    expect(event.tags).toEqual(['C:\\new', 'Notes, drafts', 'Folder\\']);
  });

  it('applies a Google Calendar override listed before its master, once', () => {
    const { events, problems, validUntil } = loadInterop(
      'google-calendar-modified-instance.ics',
      '2026-02-01T00:00:00Z',
    );

    expect(problems).toEqual([]);
    expect(events.map((e) => [utc(e.start), e.title])).toEqual([
      ['2026-02-10T17:00:00.000Z', 'TEST RECURR 3'],
      ['2026-02-11T17:30:00.000Z', 'TEST RECURR 3 - MODIFIED'],
      ['2026-02-12T17:00:00.000Z', 'TEST RECURR 3'],
    ]);
    expect(events.map((e) => e.id)).toEqual([
      'aaaaaaaaaa888se1rr0b24sm4p-google-com-20260210',
      'aaaaaaaaaa888se1rr0b24sm4p-google-com-20260211',
      'aaaaaaaaaa888se1rr0b24sm4p-google-com-20260212',
    ]);
    expect(validUntil).toBeUndefined();
  });
});

describe('loadIcs problems', () => {
  it('in strict mode names the BEGIN:VEVENT line of an event without DTSTART and rejects the whole file', () => {
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:fine@example.org',
      'DTSTART:20250101T100000Z',
      'SUMMARY:A fine event with a long title that an exporter folded over',
      '  two lines',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:no-start@example.org',
      'SUMMARY:No start',
      'END:VEVENT',
    );

    const strict = load(text, '2025-01-01T00:00:00Z', 'test.ics', true);
    const lenient = load(text, '2025-01-01T00:00:00Z');

    expect(strict.events).toEqual([]);
    expect(strict.problems.map(formatProblem)).toEqual(['test.ics:10: start: VEVENT has no DTSTART']);
    expect(lenient.events.map((e) => e.title)).toEqual([
      'A fine event with a long title that an exporter folded over two lines',
    ]);
    expect(lenient.problems).toEqual([]);
    expect(lenient.warnings?.map(formatProblem)).toEqual([
      'test.ics:10: start: event skipped: VEVENT has no DTSTART',
    ]);
  });

  it('reports a missing SUMMARY as a missing title at the VEVENT', () => {
    const text = calendar('BEGIN:VEVENT', 'UID:x@example.org', 'DTSTART:20250101T100000Z', 'END:VEVENT');

    expect(load(text, '2025-01-01T00:00:00Z').problems.map(formatProblem)).toEqual([
      'test.ics:4: title: is required',
    ]);
  });

  it('refuses text that is not iCalendar at line 1', () => {
    const result = load('Title: Annual dinner\nDate: 2025-01-01\n', '2025-01-01T00:00:00Z');

    expect(result.events).toEqual([]);
    expect(result.problems).toEqual([
      { file: 'test.ics', line: 1, message: 'not an iCalendar file (no BEGIN:VCALENDAR)' },
    ]);
  });

  it('reports the line ical.js cannot parse instead of throwing, and leaves only that line out', () => {
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:x@example.org',
      'DTSTART:20250101T100000Z',
      'RRULE:FREQ=FORTNIGHTLY',
      'SUMMARY:Bad rule',
      'END:VEVENT',
    );

    const { problems } = load(text, '2025-01-01T00:00:00Z', 'test.ics', true);
    const lenient = load(text, '2025-01-01T00:00:00Z');

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 7, field: 'RRULE' });
    expect(problems[0].message).toMatch(/FORTNIGHTLY/);
    expect(lenient.events.map((e) => [e.title, e.start])).toEqual([['Bad rule', '2025-01-01T10:00:00Z']]);
    expect(lenient.warnings?.[0]).toMatchObject({ line: 7, field: 'RRULE' });
    expect(lenient.warnings?.[0].message).toMatch(/^left out: cannot be read .*FORTNIGHTLY/);
  });

  it('skips a date that does not exist and reads an unknown time zone in the default one, each at its line', () => {
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:a@example.org',
      'SUMMARY:Thirteenth month',
      'DTSTART:20201345T100000Z',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b@example.org',
      'SUMMARY:Elsewhere',
      'DTSTART;TZID=Mars/Olympus_Mons:20250101T100000',
      'END:VEVENT',
    );

    const strict = load(text, '2025-01-01T00:00:00Z', 'test.ics', true);
    const lenient = load(text, '2025-01-01T00:00:00Z');

    expect(strict.problems.map(formatProblem)).toEqual([
      'test.ics:7: start: "2020-13-45T10:00:00Z" is not a real date or time',
    ]);
    expect(lenient.events.map((e) => [e.title, e.start, e.timezone])).toEqual([
      ['Elsewhere', '2025-01-01T10:00:00+02:00', 'Europe/Helsinki'],
    ]);
    expect(lenient.warnings?.map(formatProblem)).toEqual([
      'test.ics:7: start: event skipped: "2020-13-45T10:00:00Z" is not a real date or time',
      'test.ics:12: TZID: unknown time zone "Mars/Olympus_Mons"; read in Europe/Helsinki',
    ]);
  });

  it.each([
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', /can never occur/],
    ['FREQ=DAILY;INTERVAL=100000000', /INTERVAL=100000000 is too large/],
  ])('skips a series whose rule %s ical.js would walk forever, at its RRULE line', (rule, message) => {
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:never@example.org',
      'SUMMARY:Never',
      'DTSTART:20250101T100000Z',
      `RRULE:${rule}`,
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:once@example.org',
      'SUMMARY:Once',
      'DTSTART:20250102T100000Z',
      'END:VEVENT',
    );

    const { events, warnings } = load(text, '2025-01-01T00:00:00Z');

    expect(events.map((e) => e.title)).toEqual(['Once']);
    expect(warnings).toHaveLength(1);
    expect(warnings?.[0]).toMatchObject({ line: 8, field: 'RRULE' });
    expect(warnings?.[0].message).toMatch(message);
  });

  it('reports a calendar with no events', () => {
    expect(load(calendar('X-WR-CALNAME:Empty'), '2025-01-01T00:00:00Z').problems).toEqual([
      { file: 'test.ics', line: 1, message: 'no events (VEVENT) in this calendar' },
    ]);
  });

  it('reports a component that is never closed', () => {
    const text = 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20250101T100000Z\nSUMMARY:Cut off\n';

    expect(load(text, '2025-01-01T00:00:00Z').problems.map(formatProblem)).toEqual([
      'test.ics:1: BEGIN:VCALENDAR is never closed (no END:VCALENDAR)',
      'test.ics:2: BEGIN:VEVENT is never closed (no END:VEVENT)',
    ]);
  });
});

describe('loadIcs zones', () => {
  it('reads a VTIMEZONE that names its IANA zone (X-LIC-LOCATION) in that zone', () => {
    const text = calendar(
      'BEGIN:VTIMEZONE',
      'TZID:/mozilla.org/20070129_1/Europe/Berlin',
      'X-LIC-LOCATION:Europe/Berlin',
      'BEGIN:STANDARD',
      'DTSTART:19701025T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:berlin@example.org',
      'SUMMARY:Summer forum',
      'DTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:20250701T180000',
      'END:VEVENT',
    );

    const { events, warnings } = load(text, '2025-01-01T00:00:00Z');

    expect(events.map((e) => [e.start, e.timezone])).toEqual([
      ['2025-07-01T18:00:00+02:00', 'Europe/Berlin'],
    ]);
    expect(warnings).toEqual([]);
  });
});

describe('loadIcs recurrence', () => {
  it('expands an open-ended series up to a year past now and asks to be re-read in 180 days', () => {
    const now = '2025-06-01T00:00:00Z';
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:weekly@example.org',
      'SUMMARY:Weekly briefing',
      'DTSTART;TZID=America/New_York:20240101T090000',
      'DURATION:PT1H',
      'RRULE:FREQ=WEEKLY;BYDAY=MO',
      'END:VEVENT',
    );

    const { events, problems, validUntil } = load(text, now);

    expect(problems).toEqual([]);
    expect(validUntil).toBe(Date.parse(now) + 180 * DAY_MS);
    expect(events[0].start).toBe('2024-01-01T09:00:00-05:00');
    expect(events[0].end).toBe('2024-01-01T10:00:00-05:00');
    const last = Date.parse(events.at(-1)?.start ?? '');
    expect(last).toBeLessThanOrEqual(Date.parse(now) + 365 * DAY_MS);
    expect(last).toBeGreaterThan(Date.parse(now) + 358 * DAY_MS);
    expect(events.at(-1)?.start).toMatch(/T09:00:00-04:00$/);
    expect(events[0].id).toBe('weekly-example-org-20240101');
  });

  it('keeps the latest 1000 occurrences of a long series', () => {
    const now = '2025-06-01T00:00:00Z';
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:daily@example.org',
      'SUMMARY:Daily',
      'DTSTART:20000101T090000Z',
      'RRULE:FREQ=DAILY',
      'END:VEVENT',
    );

    const { events } = load(text, now);

    expect(events).toHaveLength(1000);
    expect(events.at(-1)?.start).toBe('2026-05-31T09:00:00Z');
    expect(events[0].start).toBe('2023-09-05T09:00:00Z');
  });

  it('adds the time to the id when a series has two occurrences on one day', () => {
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:twice@example.org',
      'SUMMARY:Twice a day',
      'DTSTART;TZID=Europe/Vienna:20250101T090000',
      'RRULE:FREQ=DAILY;BYHOUR=9,15;COUNT=3',
      'END:VEVENT',
    );

    expect(load(text, '2025-01-01T00:00:00Z').events.map((e) => e.id)).toEqual([
      'twice-example-org-20250101-0900',
      'twice-example-org-20250101-1500',
      'twice-example-org-20250102',
    ]);
  });
});

describe('data/samples/upcoming-samples.ics', () => {
  it('shows upcoming sample events at any date', () => {
    const now = '2031-03-01T00:00:00Z';

    const { events, problems, validUntil } = load(readFileSync(SAMPLES, 'utf8'), now, 'upcoming-samples.ics');

    expect(problems).toEqual([]);
    expect(events.every((e) => e.title.startsWith('[Sample] '))).toBe(true);
    const series = new Set(events.map((e) => e.title));
    expect(series.size).toBeGreaterThanOrEqual(3);
    const upcoming = events.filter((e) => Date.parse(e.start) > Date.parse(now));
    expect(new Set(upcoming.map((e) => e.title))).toEqual(series);
    expect(upcoming.every((e) => e.tags.length > 0 && e.type !== 'Event')).toBe(true);
    expect(validUntil).toBe(Date.parse(now) + 180 * DAY_MS);
  });
});
