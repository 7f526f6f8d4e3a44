import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadIcs } from '../../src/archive/ics/index.js';
import { formatProblem } from '../../src/archive/types.js';
import type { Event } from '../../src/core/model.js';

/** Calendars gathered from public projects' test suites (see tests/fixtures/calendars/README.md). */
const CALENDARS = new URL('../fixtures/calendars/', import.meta.url);
const NOW = '2026-12-01T00:00:00Z';

function load(path: string, strict = false) {
  const text = readFileSync(new URL(path, CALENDARS), 'utf8');
  return loadIcs(text, path.split('/').pop() ?? path, {
    now: new Date(NOW),
    defaultZone: 'Europe/Helsinki',
    strict,
  });
}

function utc(value: string | undefined): string {
  return new Date(Date.parse(value ?? '')).toISOString();
}

function titled(events: Event[], title: string): Event[] {
  return events.filter((e) => e.title === title);
}

describe('gathered real calendars (tests/fixtures/calendars)', () => {
  it('imports events from 48 of the 53 node-ical calendars; the other five have none to give', () => {
    const files = readdirSync(new URL('node-ical/', CALENDARS)).filter((f) => f.endsWith('.ics'));
    const results = files.map((f) => ({ file: f, result: load(`node-ical/${f}`) }));
    const empty = results.filter((r) => r.result.events.length === 0);

    expect(files).toHaveLength(53);
    expect(empty.map((r) => r.file).sort()).toEqual([
      'attendee-with-url.ics', // its one VEVENT has no DTSTART
      'event-with-category.ics', // none of its five VEVENTs has a DTSTART
      'test_with_tz_list.ics', // every occurrence is excluded by EXDATE
      'utf8-french-calendar.ics', // a VTODO, no VEVENT
      'vfreebusy-zimbra.ics', // VFREEBUSY only
    ]);
    for (const { result } of empty) {
      expect(result.problems.length).toBeGreaterThan(0);
      for (const p of result.problems) expect(formatProblem(p)).toMatch(/^[\w.-]+\.ics:\d+: /);
    }
  });

  it('reads a calendar that starts with spaces before BEGIN:VCALENDAR', () => {
    const { events, warnings } = load('node-ical/dst-transition-rules.ics');

    expect(events.map((e) => [e.title, e.start])).toEqual([['Morgendienst', '2022-10-09T10:00:00+03:00']]);
    expect(warnings).toEqual([]);
  });

  it('skips each VEVENT on 30 February and the like with its line and keeps the 395 good ones', () => {
    const lenient = load('node-ical/large-file-with-late-error.ics');
    const strict = load('node-ical/large-file-with-late-error.ics', true);

    expect(lenient.events).toHaveLength(395);
    expect(lenient.warnings?.map(formatProblem).slice(0, 3)).toEqual([
      'large-file-with-late-error.ics:360: start: event skipped: "2024-02-30T10:00:00Z" is not a real date or time',
      'large-file-with-late-error.ics:366: start: event skipped: "2024-02-31T10:00:00Z" is not a real date or time',
      'large-file-with-late-error.ics:738: start: event skipped: "2024-04-31T10:00:00Z" is not a real date or time',
    ]);
    expect(lenient.warnings?.map((w) => w.line)).toEqual([360, 366, 738, 1110, 1668, 2040]);
    expect(strict.events).toEqual([]);
    expect(strict.problems.map((p) => p.line)).toEqual([360, 366, 738, 1110, 1668, 2040]);
  });

  it('skips a VEVENT whose DTSTART line cannot be read, and keeps the rest of an Exchange export', () => {
    const { events, warnings } = load('node-ical/ms_timezones.ics');

    expect(events).toHaveLength(137);
    expect(warnings?.map(formatProblem)).toEqual([
      'ms_timezones.ics:152: start: event skipped: not an iCalendar content line (expected NAME:value): "DTSTART;TZID="W. Europe Standard Time:20200609T090000""',
    ]);
    expect(utc(events[0].start)).toBe('2020-09-10T07:00:00.000Z');
    expect(events[0].timezone).toBe('Europe/Berlin');
  });

  it('refuses a calendar whose only VEVENT has no DTSTART, naming its line', () => {
    const { events, problems } = load('node-ical/attendee-with-url.ics');

    expect(events).toEqual([]);
    expect(problems.map(formatProblem)).toEqual(['attendee-with-url.ics:2: start: VEVENT has no DTSTART']);
  });

  it('reads UTC+01 as a fixed offset with a warning and moves the all-day Exchange instance to 27 February', () => {
    const { events, warnings } = load('node-ical/exchange_whole_day_moved_recurrence_offset_tz.ics');
    const february = events.map((e) => e.start).filter((d) => d.startsWith('2026-02'));

    expect(february).toEqual(['2026-02-19', '2026-02-24', '2026-02-27']);
    expect(warnings?.map(formatProblem)).toEqual([
      'exchange_whole_day_moved_recurrence_offset_tz.ics:22: TZID: "UTC+01" read as UTC+1, without daylight saving',
    ]);
  });

  it('reads "(GMT +01:00)" as UTC+1 with a warning', () => {
    const { events, warnings } = load('node-ical/music-school-weekly-until.ics');

    expect(utc(events[0].start)).toBe('2022-10-04T13:00:00.000Z');
    expect(events[0].timezone).toBeUndefined();
    expect(warnings?.map((w) => [w.line, w.message])).toEqual([
      [8, '"(GMT +01:00)" read as UTC+1, without daylight saving'],
    ]);
  });

  it('reads Europe/Germany (and TZID=TZID=Europe/Germany) as Europe/Berlin with a warning', () => {
    const { events, warnings } = load('node-ical/germany_at_end_of_day_repeating.ics');

    expect(events.map((e) => utc(e.start))).toEqual([
      '2024-10-22T21:00:00.000Z',
      '2024-10-23T21:00:00.000Z',
      '2024-10-24T21:00:00.000Z',
      '2024-10-25T21:00:00.000Z',
    ]);
    expect(events.every((e) => e.timezone === 'Europe/Berlin' && e.end?.endsWith('T00:00:00+02:00'))).toBe(
      true,
    );
    expect(warnings?.map((w) => w.line)).toEqual([3, 4]);
    expect(warnings?.[0].message).toBe('"Europe/Germany" is not a time zone; read as Europe/Berlin');
  });

  it('uses custom Microsoft zones from the file, with the rules of each era', () => {
    const { events, warnings } = load('node-ical/multi-era-vtimezone.ics');

    expect(events.map((e) => [e.title, utc(e.start)])).toEqual([
      ['Event in 2025 (modern rule)', '2025-06-10T18:00:00.000Z'],
      ['Event in 1985 (old rule)', '1985-10-15T18:00:00.000Z'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('uses a numeric TZID defined in the file', () => {
    const { events } = load('node-ical/test_with_int_tzid.ics');

    expect(events.map((e) => [e.title, utc(e.start)])).toContainEqual([
      'Atelier groupes portail/Nuage',
      '2024-01-08T10:00:00.000Z',
    ]);
  });

  it('reads a TZID with no definition anywhere in the calendar default zone, with a warning', () => {
    const { events, warnings } = load('node-ical/bad_custom_ms_tz.ics');

    expect(events[0].start).toBe('2021-03-25T10:35:00+02:00');
    expect(warnings?.map(formatProblem)).toEqual([
      'bad_custom_ms_tz.ics:6: TZID: unknown time zone "tzone://Microsoft/Custom"; read in Europe/Helsinki',
    ]);
  });

  it('leaves out a malformed ORGANIZER line and keeps the event', () => {
    const { events, warnings } = load('node-ical/event-with-valarm.ics');

    expect(events.map((e) => [e.title, utc(e.start), e.hosts])).toEqual([
      ['Event with an alarm', '2013-04-18T18:00:00.000Z', []],
    ]);
    expect(warnings?.map((w) => [w.line, w.field])).toEqual([[6, 'ORGANIZER']]);
  });

  it('leaves out an invalid URL and keeps every event of a festival programme', () => {
    const { events, warnings } = load('node-ical/festival-multiday-rrule.ics');
    const opening = titled(events, 'foobar Summer 2011 starts!');

    expect(events).toHaveLength(158);
    expect(opening).toHaveLength(1);
    expect(opening[0].url).toBeUndefined();
    expect(warnings?.every((w) => w.line === 2 && w.field === 'url')).toBe(true);
    // Two shows with one title on one day, no UID: the time keeps them apart.
    expect(titled(events, 'RC helicopters: flying demonstration with T-REX 600N').length).toBeGreaterThan(2);
  });

  it('leaves out an end before the start and keeps the override', () => {
    const { events, warnings } = load('node-ical/daily-count-exdate-recurrence-id.ics');
    const moved = titled(events, 'More Treasure Hunting');

    expect(moved).toHaveLength(1);
    expect(moved[0].end).toBeUndefined();
    expect(warnings?.map(formatProblem)).toEqual([
      'daily-count-exdate-recurrence-id.ics:11: end: left out: must not be before start',
    ]);
  });

  it('keeps the copy with the highest SEQUENCE of a UID listed twice', () => {
    const { events, warnings } = load('node-ical/duplicate-uid-sequence.ics');

    expect(events.map((e) => [e.title, utc(e.start)])).toEqual([
      ['Team Meeting (SEQUENCE 2)', '2024-01-15T10:00:00.000Z'],
      ['Updated version (SEQUENCE 3) - should win', '2024-01-20T14:00:00.000Z'],
    ]);
    expect(warnings?.map((w) => [w.line, w.field])).toEqual([
      [12, 'SEQUENCE'],
      [20, 'SEQUENCE'],
    ]);
  });

  it('keeps the newer override of one instance and reports overrides of instances the series lacks', () => {
    const { events, warnings } = load('node-ical/recurrence-sequence.ics');

    expect(events.map((e) => e.title)).toEqual([
      'Daily Meeting',
      'Moved to afternoon (SEQUENCE 3)',
      'Newer override (SEQUENCE 5) - should win',
      'Daily Meeting',
      'Daily Meeting',
    ]);
    expect(warnings?.map((w) => [w.line, w.field])).toEqual([
      [22, 'SEQUENCE'],
      [31, 'SEQUENCE'],
      [51, 'RECURRENCE-ID'],
      [60, 'RECURRENCE-ID'],
    ]);
  });

  it('ends a weekly series at a floating UNTIL read in the start zone', () => {
    const { events } = load('node-ical/non-utc-until-ny.ics');

    expect(utc(events.at(-1)?.start)).toBe('2024-03-15T18:00:00.000Z');
  });

  it('does not hang on a DURATION of 10^18 weeks: the duration is left out', () => {
    const { events, warnings } = load('icalendar/invalid_duration.ics');

    expect(events.map((e) => [e.start, e.end])).toEqual([['2024-01-01T00:00:00Z', undefined]]);
    expect(warnings?.map(formatProblem)).toEqual([
      'invalid_duration.ics:8: DURATION: left out: lasts more than ten years',
    ]);
  });
});
