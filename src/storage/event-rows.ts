import { hash } from 'node:crypto';
import { type Event, eventKey, type Speaker, type Theme } from '../core/model.js';
import { eventTimeToMillis } from '../core/time.js';
import type { LongText } from './event-text.js';
import { urlKey } from './url-key.js';

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
  /** The long text, packed by {@link EventTextCodec}. */
  text: Uint8Array;
  tags: string;
  /** JSON arrays: the theme titles, hosts and speakers' names, in programme order (their summaries and roles are in `text`). */
  themes: string;
  hosts: string;
  speakers: string;
  series: string | null;
  status: string | null;
  /** The source's name, joined from event_sources (see {@link EVENT_SELECT}). */
  source_file: string | null;
  source_line: number | null;
}

/** Events rows as {@link EventRow} reads them (`e` the events table), with their source's name. */
export const EVENT_SELECT =
  'SELECT e.*, s.name AS source_file FROM events e LEFT JOIN event_sources s ON s.id = e.source_id';

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
  'url_key',
  'text',
  'has_summary',
  'tags',
  'themes',
  'hosts',
  'speakers',
  'series',
  'status',
  'source_id',
  'source_line',
  'content_digest',
  'updated_ms',
] as const;

/** An event's column values, positionally: an import writes a hundred thousand, and named objects cost. */
export type EventValues = (string | number | Buffer | null)[];

/** A stable digest of everything about an event except where it was read from. */
export function eventContentHash(event: Event): string {
  const { source: _source, ...content } = event;
  return hash('sha256', JSON.stringify(content), 'hex');
}

/** What is stored of a content hash: its first 16 bytes when it is hex, as bytes (see 017-compact-events.sql). */
export function contentDigest(contentHash: string): Buffer {
  return /^[0-9a-f]{32}/i.test(contentHash)
    ? Buffer.from(contentHash.slice(0, 32), 'hex')
    : Buffer.from(contentHash, 'utf8');
}

/**
 * The values {@link EVENT_COLUMNS} names, for an event whose start instant is `startMs`, whose long
 * text packs to `text` and whose source is the event_sources row `sourceId`.
 */
export function eventValues(
  event: Event,
  contentHash: string,
  nowMs: number,
  startMs: number,
  defaultZone: string,
  text: Buffer,
  sourceId: number | null,
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
    urlKey(event.url),
    text,
    /^ *$/.test(event.summary) ? 0 : 1, // as SQLite's trim(summary) = '' read it before 017
    JSON.stringify(event.tags),
    JSON.stringify(event.themes.map((t) => t.title)),
    JSON.stringify(event.hosts),
    JSON.stringify(event.speakers.map((p) => p.name)),
    event.series ?? null,
    event.status ?? null,
    sourceId,
    event.source?.line ?? null,
    contentDigest(contentHash),
    nowMs,
  ];
}

/** The core event a row and its unpacked long text stand for. */
export function assembleEvent(row: EventRow, text: LongText): Event {
  const titles = JSON.parse(row.themes) as string[];
  const names = JSON.parse(row.speakers) as string[];
  const themes: Theme[] = titles.map((title, i) => ({ title, summary: text.themeSummaries[i] ?? '' }));
  const speakers: Speaker[] = names.map((name, i) => {
    const role = text.roles[i];
    return role ? { name, role } : { name };
  });
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    start: row.start,
    end: row.end_value ?? undefined,
    timezone: row.timezone ?? undefined,
    location: row.location ?? undefined,
    url: row.url ?? undefined,
    hosts: JSON.parse(row.hosts) as string[],
    speakers,
    summary: text.summary,
    body: text.body,
    themes,
    tags: JSON.parse(row.tags) as string[],
    series: row.series ?? undefined,
    ...(row.status ? { status: row.status as Event['status'] } : {}),
    source: row.source_file ? { file: row.source_file, line: row.source_line ?? 0 } : undefined,
  };
}
