import ICAL from 'ical.js';
import { type Event, parseEvent } from '../../core/model.js';
import type { Loader, LoadResult } from '../types.js';
import { expandAll } from './expand.js';
import { type LineProblem, messageOf, readCalendar } from './read.js';
import { type EventRecord, seriesRecords } from './records.js';
import { canonicalZone, registerZones } from './zones.js';

const DAY_MS = 86_400_000;
/** Recurring series are expanded this far past `now`, and again after RECHECK_DAYS. */
const HORIZON_DAYS = 365;
const RECHECK_DAYS = 180;
/** Fields whose bad value is left out while the event stays (an invalid URL, an end before the start…). */
const DROPPABLE = new Set(['url', 'end', 'location', 'hosts', 'tags', 'type', 'timezone']);

/** What was skipped (which refuses the file when strict) and what was guessed (which never does). */
export class Report {
  readonly skipped: LineProblem[] = [];
  readonly warnings: LineProblem[] = [];

  skip(p: LineProblem, what: 'event skipped' | 'left out'): void {
    this.skipped.push(p);
    this.warnings.push({ ...p, message: `${what}: ${p.message}` });
  }
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
  const report = new Report();
  for (const p of read.dropped) report.skip(p, 'left out');
  for (const p of read.unplaced) report.skip(p, 'event skipped');
  const components = read.roots.flatMap((root) => root.getAllSubcomponents('vevent'));
  if (!components.length && !read.unplaced.length) {
    return refuse(file, [
      { line: read.lineOf(read.roots[0]), message: 'no events (VEVENT) in this calendar' },
    ]);
  }
  let events: Event[];
  let dateDependent = false;
  try {
    const placement = registerZones(read, canonicalZone(options.defaultZone) ?? 'UTC', report.warnings);
    const vevents = components.map((component) => new ICAL.Event(component, { exceptions: [] }));
    const expanded = expandAll(vevents, options.now.getTime() + HORIZON_DAYS * DAY_MS, report, read.lineOf);
    dateDependent = expanded.dateDependent;
    const records = expanded.series.flatMap((s) => seriesRecords(s, placement, read.lineOf));
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

/** Validates each record at its line: a bad optional field is left out, anything else skips the event. */
function validate(items: { record: EventRecord; line: number }[], file: string, report: Report): Event[] {
  const events: Event[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of items) {
    const skip = (p: { field?: string; message: string }, what: 'event skipped' | 'left out') =>
      report.skip({ line, field: p.field, message: p.message }, what);
    let result = parseEvent(record, { file, line });
    if (!result.ok && result.problems.every((p) => DROPPABLE.has(p.field ?? ''))) {
      for (const p of result.problems) skip(p, 'left out');
      for (const p of result.problems) delete record[p.field as keyof EventRecord];
      result = parseEvent(record, { file, line });
    }
    if (result.ok && seen.has(result.event.id) && !record.id && record.start.length > 10) {
      // Two events without UID, one title, one day (festival-multiday-rrule.ics): the time tells them apart.
      record.id = `${result.event.id}-${record.start.slice(11, 16).replace(':', '')}`;
      result = parseEvent(record, { file, line });
    }
    if (!result.ok) for (const p of result.problems) skip(p, 'event skipped');
    else if (seen.has(result.event.id)) {
      const message = `"${result.event.id}" is already used on line ${seen.get(result.event.id)}`;
      skip({ field: 'id', message }, 'event skipped');
    } else {
      seen.set(result.event.id, line);
      events.push(result.event);
    }
  }
  return events;
}
