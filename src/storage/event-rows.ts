import { hash } from 'node:crypto';
import { type Event, eventKey, type Speaker, type Theme } from '../core/model.js';
import { eventTimeToMillis } from '../core/time.js';

/** One row of the events table, as SQLite returns it. */
export interface EventRow {
  seq: number;
  id: string;
  title: string;
  type: string;
  start: string;
  end_value: string | null;
  timezone: string | null;
  location: string | null;
  url: string | null;
  summary: string;
  body: string;
  tags: string;
  series: string | null;
  status: string | null;
  source_file: string | null;
  source_line: number | null;
}

/** A theme row and a person row, as the readers select them. */
export interface ThemeRow {
  title: string;
  summary: string;
}
export interface PersonRow {
  kind: string;
  name: string;
  role: string | null;
}

/** The columns an insert or update writes, in the order of {@link EVENT_COLUMNS}, seq last. */
export const EVENT_COLUMNS = [
  'id',
  'key',
  'title',
  'type',
  'start',
  'start_ms',
  'end_value',
  'end_ms',
  'timezone',
  'location',
  'url',
  'summary',
  'body',
  'tags',
  'series',
  'status',
  'source_file',
  'source_line',
  'content_hash',
  'updated_ms',
] as const;

/** An event's column values, positionally: an import writes a hundred thousand, and named objects cost. */
export type EventValues = (string | number | null)[];

/** A stable digest of everything about an event except where it was read from. */
export function eventContentHash(event: Event): string {
  const { source: _source, ...content } = event;
  return hash('sha256', JSON.stringify(content), 'hex');
}

/** The values {@link EVENT_COLUMNS} names, for an event whose start instant is `startMs`. */
export function eventValues(
  event: Event,
  contentHash: string,
  nowMs: number,
  startMs: number,
  defaultZone: string,
): EventValues {
  const zone = event.timezone;
  return [
    event.id,
    eventKey(event.id),
    event.title,
    event.type,
    event.start,
    startMs,
    event.end ?? null,
    event.end ? eventTimeToMillis(event.end, zone, defaultZone) : null,
    zone ?? null,
    event.location ?? null,
    event.url ?? null,
    event.summary,
    event.body,
    JSON.stringify(event.tags),
    event.series ?? null,
    event.status ?? null,
    event.source?.file ?? null,
    event.source?.line ?? null,
    contentHash,
    nowMs,
  ];
}

/** The core event a row and its theme and people rows (in programme order) stand for. */
export function assembleEvent(row: EventRow, themeRows: ThemeRow[], peopleRows: PersonRow[]): Event {
  const themes: Theme[] = themeRows.map((t) => ({ title: t.title, summary: t.summary }));
  const hosts: string[] = [];
  const speakers: Speaker[] = [];
  for (const p of peopleRows) {
    if (p.kind === 'host') hosts.push(p.name);
    else speakers.push(p.role ? { name: p.name, role: p.role } : { name: p.name });
  }
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    start: row.start,
    end: row.end_value ?? undefined,
    timezone: row.timezone ?? undefined,
    location: row.location ?? undefined,
    url: row.url ?? undefined,
    hosts,
    speakers,
    summary: row.summary,
    body: row.body,
    themes,
    tags: JSON.parse(row.tags) as string[],
    series: row.series ?? undefined,
    ...(row.status ? { status: row.status as Event['status'] } : {}),
    source: row.source_file ? { file: row.source_file, line: row.source_line ?? 0 } : undefined,
  };
}

/** Child rows grouped by the event they belong to. */
export function groupBySeq<T extends { event_seq: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.event_seq);
    if (list) list.push(row);
    else map.set(row.event_seq, [row]);
  }
  return map;
}
