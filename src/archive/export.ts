import { stringify } from 'csv-stringify/sync';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Event } from '../core/model.js';
import { eventTimeToMillis, isDateOnly } from '../core/time.js';
import { CSV_FIELDS } from './csv-loader.js';
import { SIDECAR_PROPERTY, sidecarOf } from './sidecar.js';

/** The formats `event-bot export` writes; each re-imports through its own loader. */
export const EXPORT_FORMATS = ['jsonl', 'csv', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An event as the interchange format writes it: the model's fields, no source, nothing empty. */
function record(event: Event): Record<string, unknown> {
  const { source: _source, ...fields } = event;
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

/** JSON Lines, one event per line, as `.jsonl` files are read. */
function toJsonLines(events: Event[]): string {
  return events.map((e) => `${JSON.stringify(record(e))}\n`).join('');
}

/**
 * CSV with the loader's own column names; lists `;`-separated, a speaker `Name (Role)`, a theme
 * `Title: summary`, as the CSV loader reads them. Written by csv-stringify, csv-parse's sibling.
 */
function toCsv(events: Event[]): string {
  const rows = events.map((e) => ({
    ...e,
    hosts: e.hosts.join('; '),
    speakers: e.speakers.map((s) => (s.role ? `${s.name} (${s.role})` : s.name)).join('; '),
    themes: e.themes.map((t) => (t.summary ? `${t.title}: ${t.summary}` : t.title)).join('; '),
    tags: e.tags.join('; '),
  }));
  return stringify(rows, { header: true, columns: [...CSV_FIELDS], quoted_match: /[\r\n]/ });
}

/**
 * iCalendar built with ical.js: one VEVENT per event (UID = id), times as written when they carry an
 * offset (in UTC) or as dates; the type in X-EVENT-TYPE and tags in CATEGORIES, as the loader reads them.
 */
function toICalendar(events: Event[], nowMs: number): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//event-archive-bot//export//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  const stamp = ICAL.Time.fromJSDate(new Date(nowMs), true);
  for (const e of events) {
    const v = new ICAL.Component('vevent');
    v.updatePropertyWithValue('uid', e.id);
    v.updatePropertyWithValue('dtstamp', stamp);
    v.updatePropertyWithValue('summary', e.title);
    v.updatePropertyWithValue('dtstart', icalTime(e.start, e));
    const end = e.end ?? (isDateOnly(e.start) ? e.start : undefined);
    if (end) v.updatePropertyWithValue('dtend', icalTime(end, e, isDateOnly(end)));
    if (e.type) v.updatePropertyWithValue('x-event-type', e.type);
    if (e.location) v.updatePropertyWithValue('location', e.location);
    if (e.url) v.updatePropertyWithValue('url', e.url);
    if (e.summary) v.updatePropertyWithValue('description', e.summary);
    v.updatePropertyWithValue(SIDECAR_PROPERTY, sidecarOf(e));
    if (e.tags.length) {
      const categories = new ICAL.Property('categories');
      categories.setValues(e.tags);
      v.addProperty(categories);
    }
    calendar.addSubcomponent(v);
  }
  return calendar.toString().replace(/\r?\n/g, '\r\n').concat('\r\n');
}

/** A date stays a date (an end date moves one day on: DTEND is exclusive); a date-time becomes UTC. */
function icalTime(value: string, event: Event, exclusiveEnd = false): ICAL.Time {
  if (isDateOnly(value)) {
    const day = DateTime.fromISO(value, { zone: 'UTC' }).plus({ days: exclusiveEnd ? 1 : 0 });
    return ICAL.Time.fromDateString(day.toISODate() ?? value);
  }
  return ICAL.Time.fromJSDate(new Date(eventTimeToMillis(value, event.timezone)), true);
}

/** The export in one of {@link EXPORT_FORMATS}. */
export function exportEvents(events: Event[], format: ExportFormat, nowMs: number): string {
  if (format === 'csv') return toCsv(events);
  if (format === 'ics') return toICalendar(events, nowMs);
  return toJsonLines(events);
}
