import ICAL from 'ical.js';
import { type Event, parseEvent } from '../../core/model.js';
import type { Loader, LoadResult } from '../types.js';
import { expandAll } from './expand.js';
import { type LineProblem, messageOf, type ReadCalendar, readCalendar } from './read.js';
import { type EventRecord, type Placement, seriesRecords } from './records.js';
import { canonicalZone, IanaTimezone, resolveZone } from './zones.js';

const DAY_MS = 86_400_000;
/** Recurring series are expanded this far past `now`, and again after RECHECK_DAYS. */
const HORIZON_DAYS = 365;
const RECHECK_DAYS = 180;
const MAX_DURATION_S = (10 * 366 * DAY_MS) / 1000;
/** Fields whose bad value is left out while the event stays (an invalid URL, an end before the start…). */
const DROPPABLE = new Set(['url', 'end', 'location', 'hosts', 'tags', 'type', 'timezone']);

/** What was skipped (which refuses the file when strict) and what was guessed (which never does). */
export interface Report {
  skipped: LineProblem[];
  warnings: LineProblem[];
  skip(p: LineProblem, what: 'event skipped' | 'left out'): undefined;
}

/**
 * iCalendar (.ics) files as calendar programs write them. ical.js parses, relates overrides and expands
 * recurrences; this adds line numbers, zones ical.js has no definition for, and leniency: a part that
 * cannot be read is skipped and reported, unless `strict` refuses the file for it. A file left with no
 * event is refused, so a broken feed never empties the archive.
 */
export const loadIcs: Loader = (text, file, options) => {
  const read = readCalendar(text);
  if ('problems' in read) return refuse(file, read.problems);
  const report: Report = {
    skipped: [],
    warnings: [],
    skip(p, what) {
      this.skipped.push(p);
      this.warnings.push({ ...p, message: `${what}: ${p.message}` });
      return undefined;
    },
  };
  for (const p of read.dropped) report.skip(p, 'left out');
  const components = read.roots.flatMap((root) => root.getAllSubcomponents('vevent'));
  if (!components.length) {
    return refuse(file, [
      { line: read.lineOf(read.roots[0]), message: 'no events (VEVENT) in this calendar' },
    ]);
  }
  let events: Event[];
  let dateDependent = false;
  try {
    const placement = registerZones(read, canonicalZone(options.defaultZone) ?? 'UTC', report);
    const vevents = components.flatMap((component) => toEvent(component, read, report) ?? []);
    const expanded = expandAll(vevents, options.now.getTime() + HORIZON_DAYS * DAY_MS, report, read.lineOf);
    dateDependent = expanded.dateDependent;
    const records = expanded.series.flatMap((s) =>
      seriesRecords(s.occurrences, s.uid, placement, read.lineOf),
    );
    events = validate(records, file, report);
  } catch (error) {
    return refuse(file, [{ line: 1, message: `could not be read as iCalendar (${messageOf(error)})` }]);
  } finally {
    ICAL.TimezoneService.reset();
  }
  if (options.strict && report.skipped.length) return refuse(file, report.skipped);
  const none = { line: 1, message: 'no events to import: every occurrence is excluded or cancelled' };
  if (!events.length) return refuse(file, report.skipped.length ? report.skipped : [none]);
  const warnings = report.warnings.sort((a, b) => a.line - b.line).map((p) => ({ file, ...p }));
  const validUntil = dateDependent ? options.now.getTime() + RECHECK_DAYS * DAY_MS : undefined;
  return { events, problems: [], warnings, validUntil };
};

function refuse(file: string, problems: LineProblem[]): LoadResult {
  return { events: [], problems: [...problems].sort((a, b) => a.line - b.line).map((p) => ({ file, ...p })) };
}

/**
 * Tells ical.js every zone the file uses, so its recurrence, EXDATE and UNTIL arithmetic sees real
 * offsets (it reads a TZID it does not know as floating). The registry is global, so it is reset after
 * each file. Returns where floating times go: X-WR-TIMEZONE, else the configured default.
 */
function registerZones(read: ReadCalendar, defaultZone: string, report: Report): Placement {
  const vtimezones = new Map<string, ICAL.Component>();
  for (const vtz of read.roots.flatMap((root) => root.getAllSubcomponents('vtimezone'))) {
    vtimezones.set(String(vtz.getFirstPropertyValue('tzid') ?? ''), vtz);
  }
  let placement: Placement = { floating: defaultZone };
  const declared = read.roots[0].getFirstProperty('x-wr-timezone');
  const name = String(declared?.getFirstValue() ?? '').trim();
  if (name) {
    const zone = resolveZone(name, vtimezones);
    if (zone?.iana) placement = { floating: zone.iana, calendar: zone.iana };
    const message = zone?.iana ? zone.guess : `cannot read floating times in "${name}"; using ${defaultZone}`;
    if (message) report.warnings.push({ line: read.lineOf(declared), field: 'X-WR-TIMEZONE', message });
  }
  for (const [tzid, line] of read.tzids) {
    const zone = resolveZone(tzid, vtimezones);
    const message = zone ? zone.guess : `unknown time zone "${tzid}"; read in ${placement.floating}`;
    if (message) report.warnings.push({ line, field: 'TZID', message });
    ICAL.TimezoneService.register(zone?.tz ?? new IanaTimezone(placement.floating), tzid);
  }
  // ical.js prefers a file's VTIMEZONE to the registry; where the IANA database knows the zone it is the
  // better source (Exchange writes only the current year's rules), so the file's copy is set aside.
  for (const [tzid, vtz] of vtimezones) {
    if (ICAL.TimezoneService.get(tzid) instanceof IanaTimezone) vtz.parent?.removeSubcomponent(vtz);
  }
  return placement;
}

/** The VEVENT as an ICAL.Event with no exceptions yet, or undefined when it cannot be placed. */
function toEvent(component: ICAL.Component, read: ReadCalendar, report: Report): ICAL.Event | undefined {
  const broken = read.broken(component);
  if (broken) return report.skip(broken, 'event skipped');
  const start = component.getFirstProperty('dtstart');
  if (!start) {
    const problem = { line: read.lineOf(component), field: 'start', message: 'VEVENT has no DTSTART' };
    return report.skip(problem, 'event skipped');
  }
  const duration = component.getFirstProperty('duration');
  const seconds = (duration?.getFirstValue() as ICAL.Duration | undefined)?.toSeconds() ?? 0;
  if (Math.abs(seconds) > MAX_DURATION_S) {
    // invalid_duration.ics (collective/icalendar): P999999999999999999W, which ical.js adds up day by day.
    report.skip(
      { line: read.lineOf(duration), field: 'DURATION', message: 'lasts more than ten years' },
      'left out',
    );
    component.removeAllProperties('duration');
  }
  return new ICAL.Event(component, { exceptions: [] });
}

/** Validates each record at its line: a bad optional field is left out, anything else skips the event. */
function validate(items: { record: EventRecord; line: number }[], file: string, report: Report): Event[] {
  const events: Event[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of items) {
    const problem = (p: { field?: string; message: string }, what: 'event skipped' | 'left out') =>
      report.skip({ line, field: p.field, message: p.message }, what);
    let result = parseEvent(record, { file, line });
    if (!result.ok && result.problems.every((p) => DROPPABLE.has(p.field ?? ''))) {
      for (const p of result.problems) problem(p, 'left out');
      for (const p of result.problems) delete record[p.field as keyof EventRecord];
      result = parseEvent(record, { file, line });
    }
    if (result.ok && seen.has(result.event.id) && !record.id && record.start.length > 10) {
      // Two events without UID, one title, one day (festival-multiday-rrule.ics): the time tells them apart.
      record.id = `${result.event.id}-${record.start.slice(11, 16).replace(':', '')}`;
      result = parseEvent(record, { file, line });
    }
    if (!result.ok) for (const p of result.problems) problem(p, 'event skipped');
    else if (seen.has(result.event.id)) {
      const message = `"${result.event.id}" is already used on line ${seen.get(result.event.id)}`;
      problem({ field: 'id', message }, 'event skipped');
    } else {
      seen.set(result.event.id, line);
      events.push(result.event);
    }
  }
  return events;
}
