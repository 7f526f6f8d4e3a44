import type { EventDigest, EventFilters, SearchColumn } from '../../core/ports/search.js';
import type { EventTextCodec } from '../event-text.js';

/* The SQL pieces the read side of search composes its queries from (see search-index.ts). */

/** bm25 weights, in the column order of events_fts: title above themes above people above text. */
const WEIGHTS: Record<SearchColumn, number> = {
  title: 10,
  themes: 5,
  speakers: 4,
  hosts: 4,
  tags: 3,
  summary: 1.5,
  body: 0.5,
};
export const BM25_ALL = `bm25(events_fts, ${Object.values(WEIGHTS).join(', ')})`;
const SHORT_COLUMNS: SearchColumn[] = ['title', 'themes', 'speakers', 'hosts', 'tags'];
export const BM25_SHORT = `bm25(short_fts, ${SHORT_COLUMNS.map((c) => WEIGHTS[c]).join(', ')})`;

/** An event's id and its series, in the order a list shows them. */
export interface SeriesRow {
  id: string;
  series: string | null;
}

/**
 * The ids of a page of `rows`, each recurring series once at its first row, skipping the first `offset`
 * such entries; reads no further than the page needs.
 */
export function pageOncePerSeries(rows: Iterable<SeriesRow>, offset: number, limit: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  if (limit <= 0) return out;
  for (const row of rows) {
    const key = row.series ?? `id:${row.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > offset) out.push(row.id);
    if (out.length >= limit) break;
  }
  return out;
}

/** SQL for the filters on the events table. */
export function filterSql(filters: EventFilters): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    clauses.push(sql);
    params.push(value);
  };
  if (filters.fromMs !== undefined && Number.isFinite(filters.fromMs))
    add('AND e.start_ms >= ?', filters.fromMs);
  if (filters.toMs !== undefined && Number.isFinite(filters.toMs)) add('AND e.start_ms < ?', filters.toMs);
  if (filters.type) add('AND lower(e.type) = lower(?)', filters.type);
  return { where: clauses.join(' '), params };
}

/** An events row as a search digest reads it. */
export interface DigestRow {
  id: string;
  title: string;
  start: string;
  tags: string;
  text: Uint8Array;
  series: string | null;
  themes: string;
  speakers: string;
  hosts: string;
}

/**
 * A digest of an event's row. The summary is unpacked only when read: ranking reads it for few
 * candidates (a word missing from every short field), and unpacking each one cost a tenth of a search's CPU.
 */
export function digestOf(r: DigestRow, texts: EventTextCodec): EventDigest {
  let summary: string | undefined;
  return {
    id: r.id,
    title: r.title,
    start: r.start,
    get summary() {
      summary ??= texts.unpack(r.text).summary;
      return summary;
    },
    series: r.series ?? undefined,
    tags: JSON.parse(r.tags) as string[],
    themes: JSON.parse(r.themes) as string[],
    speakers: JSON.parse(r.speakers) as string[],
    hosts: JSON.parse(r.hosts) as string[],
  };
}
