import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { DateTime, FixedOffsetZone } from 'luxon';
import { deriveEventId } from '../../core/model.js';
import { slugify } from '../../core/text.js';
import { SIDECAR_PROPERTY, withSidecar } from '../sidecar.js';
import type { Occurrence, Series } from './expand.js';
import type { LineOf } from './read.js';
import { IanaTimezone, type Placement } from './zones.js';

/** An event as the model's input schema takes it. */
export type EventRecord = ReturnType<typeof recordOf> & { id?: string; series?: string };

/** The instant an ical.js time stands for, and the IANA zone it is shown in when there is one. */
function instant(t: ICAL.Time, placement: Placement): { dt: DateTime; zone?: string } {
  const floating = !t.zone || t.zone === ICAL.Timezone.localTimezone;
  const tz = floating ? new IanaTimezone(placement.floating) : t.zone;
  if (tz instanceof IanaTimezone) {
    const { year, month, day, hour, minute, second } = t;
    const dt = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: tz.iana });
    return { dt, zone: tz.shown ? tz.iana : undefined };
  }
  const utc = tz === ICAL.Timezone.utcTimezone;
  // Else a VTIMEZONE of the file's own that names no IANA zone: its offsets, shown as a fixed offset.
  const zone = utc ? 'UTC' : FixedOffsetZone.instance(t.utcOffset() / 60);
  const dt = DateTime.fromMillis(t.toUnixTime() * 1000, { zone });
  return { dt, zone: utc ? placement.calendar : undefined };
}

/** Start, end and zone as the archive writes them; an all-day DTEND is exclusive, `end` is the last day. */
function times(o: Occurrence, placement: Placement): { start: string; end?: string; timezone?: string } {
  const { startDate: from, item } = o;
  const ends = item.component.hasProperty('dtend') || item.component.hasProperty('duration');
  const to = ends ? o.endDate : undefined;
  if (from.isDate) {
    const start = DateTime.fromObject({ year: from.year, month: from.month, day: from.day });
    const days = to ? Math.round(to.subtractDate(from).toSeconds() / 86_400) : 0;
    const end = days > 1 ? (start.plus({ days: days - 1 }).toISODate() ?? '') : undefined;
    return { start: start.toISODate() ?? '', end, timezone: placement.calendar };
  }
  const start = instant(from, placement);
  const iso = (dt: DateTime) =>
    (start.zone ? dt.setZone(start.zone) : dt).toISO({ suppressMilliseconds: true }) ?? '';
  return { start: iso(start.dt), end: to && iso(instant(to, placement).dt), timezone: start.zone };
}

/** The record of one occurrence, from the VEVENT it carries (an override is a whole VEVENT of its own). */
function recordOf(o: Occurrence, placement: Placement) {
  const component = o.item.component;
  const text = (name: string) => component.getFirstPropertyValue(name)?.toString();
  const list = (name: string, values: (p: ICAL.Property) => unknown[]) => {
    const all: unknown[] = component.getAllProperties(name).flatMap(values);
    return [...new Set(all.map((v) => String(v ?? '').trim()))].filter(Boolean);
  };
  const description = (text('description') ?? '').trim();
  const long = description.length > 50_000; // the model's limit for a summary; the rest goes to body
  const record = {
    title: text('summary')?.trim(),
    type: text('x-event-type')?.trim() || undefined,
    ...times(o, placement),
    location: text('location'),
    url: text('url')?.trim(),
    hosts: list('organizer', (p) => [p.getFirstParameter('cn')]),
    summary: long ? `${description.slice(0, 1000).trimEnd()}…` : description,
    body: long ? description : undefined,
    tags: list('categories', (p) => p.getValues()),
  };
  return o.item.isRecurrenceException() ? record : withSidecar(record, text(SIDECAR_PROPERTY));
}

/**
 * The records of one series, with ids from the UID and the date (plus the time when the series has two
 * occurrences on one day), so an occurrence keeps its id when the feed is read again.
 */
export function seriesRecords({ occurrences, uid }: Series, placement: Placement, lineOf: LineOf) {
  const records = occurrences.map((o) => ({
    record: recordOf(o, placement) as EventRecord,
    line: lineOf(o.item.component),
  }));
  const day = (record: EventRecord) => record.start.slice(0, 10);
  const perDay = new Map<string, number>();
  for (const { record } of records) perDay.set(day(record), (perDay.get(day(record)) ?? 0) + 1);
  const base = uid ? uidSlug(uid) : undefined;
  for (const { record } of records) {
    if (record.id && records.length === 1) continue; // our own export's id, from X-EVENT-ARCHIVE
    const time = (perDay.get(day(record)) ?? 0) > 1 ? record.start.slice(11, 16).replace(':', '') : '';
    const suffix = time && `-${time}`;
    if (base) record.id = `${base}-${day(record).replace(/-/g, '')}${suffix}`;
    if (base && records.length > 1) record.series = base;
    else if (suffix && record.title) record.id = `${deriveEventId(record.start, record.title)}${suffix}`;
  }
  return records;
}

/** A UID as an id prefix: its slug, or (when long or all punctuation) a shortened slug plus a hash. */
function uidSlug(uid: string): string {
  const slug = slugify(uid);
  if (slug && slug.length <= 100) return slug;
  const head = slug.slice(0, 60).replace(/-+$/, '');
  const hash = createHash('sha256').update(uid).digest('hex').slice(0, 16);
  return head ? `${head}-${hash}` : hash;
}
