import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { DateTime, FixedOffsetZone } from 'luxon';
import { deriveEventId } from '../../core/model.js';
import { slugify } from '../../core/text.js';
import { SIDECAR_PROPERTY, withSidecar } from '../sidecar.js';
import type { Occurrence } from './expand.js';
import { IanaTimezone } from './zones.js';

/** Where floating times go (X-WR-TIMEZONE, else the configured default), and the calendar's own zone. */
export interface Placement {
  floating: string;
  calendar?: string;
}

/** An event as the model's input schema takes it. */
export type EventRecord = ReturnType<typeof baseRecord> & { id?: string; series?: string };

/** The instant an ical.js time stands for, and the IANA zone it is shown in when there is one. */
function instant(t: ICAL.Time, placement: Placement): { dt: DateTime; zone?: string } {
  const wall = { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
  if (t.zone instanceof IanaTimezone) {
    const { iana, shown } = t.zone;
    return { dt: DateTime.fromObject(wall, { zone: iana }), zone: shown ? iana : undefined };
  }
  if (!t.zone || t.zone === ICAL.Timezone.localTimezone) {
    return { dt: DateTime.fromObject(wall, { zone: placement.floating }), zone: placement.floating };
  }
  const ms = t.toUnixTime() * 1000;
  if (t.zone === ICAL.Timezone.utcTimezone)
    return { dt: DateTime.fromMillis(ms, { zone: 'UTC' }), zone: placement.calendar };
  // A VTIMEZONE of the file's own that names no IANA zone: its offsets, shown as a fixed offset.
  return { dt: DateTime.fromMillis(ms, { zone: FixedOffsetZone.instance(t.zone.utcOffset(t) / 60) }) };
}

/** Start, end and zone as the archive writes them; an all-day DTEND is exclusive, `end` is the last day. */
function times(o: Occurrence, placement: Placement): { start: string; end?: string; timezone?: string } {
  if (o.start.isDate) {
    const start = DateTime.fromObject({ year: o.start.year, month: o.start.month, day: o.start.day });
    const days = o.end ? Math.round(o.end.subtractDate(o.start).toSeconds() / 86_400) : 0;
    return {
      start: start.toISODate() ?? '',
      end: days > 1 ? (start.plus({ days: days - 1 }).toISODate() ?? '') : undefined,
      timezone: placement.calendar,
    };
  }
  const start = instant(o.start, placement);
  const iso = (dt: DateTime) =>
    (start.zone ? dt.setZone(start.zone) : dt).toISO({ suppressMilliseconds: true }) ?? '';
  return { start: iso(start.dt), end: o.end && iso(instant(o.end, placement).dt), timezone: start.zone };
}

function fields(component: ICAL.Component | undefined) {
  const text = (name: string) => component?.getFirstPropertyValue(name)?.toString();
  const list = (name: string, values: (p: ICAL.Property) => unknown[]) => {
    const props = component?.getAllProperties(name) ?? [];
    const all = [...new Set(props.flatMap(values).map((v) => String(v ?? '').trim()))].filter(Boolean);
    return props.length ? all : undefined;
  };
  return {
    title: text('summary')?.trim(),
    description: text('description'),
    location: text('location'),
    url: text('url')?.trim(),
    type: text('x-event-type')?.trim() || undefined,
    tags: list('categories', (p) => p.getValues()),
    hosts: list('organizer', (p) => [p.getFirstParameter('cn')]),
  };
}

function recordOf(o: Occurrence, placement: Placement) {
  const record = baseRecord(o, placement);
  return o.master
    ? record
    : withSidecar(record, o.item.component.getFirstPropertyValue(SIDECAR_PROPERTY)?.toString());
}

function baseRecord(o: Occurrence, placement: Placement) {
  const [own, inherited] = [fields(o.item.component), fields(o.master?.component)];
  const description = (own.description ?? inherited.description ?? '').trim();
  const long = description.length > 50_000; // the model's limit for a summary; the rest goes to body
  return {
    title: own.title ?? inherited.title,
    type: own.type ?? inherited.type,
    ...times(o, placement),
    location: own.location ?? inherited.location,
    url: own.url ?? inherited.url,
    hosts: own.hosts ?? inherited.hosts ?? [],
    summary: long ? `${description.slice(0, 1000).trimEnd()}…` : description,
    body: long ? description : undefined,
    tags: own.tags ?? inherited.tags ?? [],
  };
}

/**
 * The records of one series, with ids from the UID and the date (plus the time when the series has two
 * occurrences on one day), so an occurrence keeps its id when the feed is read again.
 */
export function seriesRecords(
  occurrences: Occurrence[],
  uid: string | undefined,
  placement: Placement,
  lineOf: (vevent: ICAL.Component) => number,
) {
  const records = occurrences.map((o) => ({
    record: recordOf(o, placement) as EventRecord,
    line: lineOf(o.item.component),
  }));
  const perDay = new Map<string, number>();
  for (const { record } of records)
    perDay.set(record.start.slice(0, 10), (perDay.get(record.start.slice(0, 10)) ?? 0) + 1);
  const base = uid ? uidSlug(uid) : undefined;
  for (const { record } of records) {
    const day = record.start.slice(0, 10);
    const time = record.start.length > 10 ? record.start.slice(11, 16).replace(':', '') : '';
    const suffix = (perDay.get(day) ?? 0) > 1 && time ? `-${time}` : '';
    if (record.id && records.length === 1) continue; // our own export's id, from X-EVENT-ARCHIVE
    if (base) record.id = `${base}-${day.replace(/-/g, '')}${suffix}`;
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
