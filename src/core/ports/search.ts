import type { Event } from '../model.js';

/** A word of the archive's vocabulary and how many events use it. */
export interface TermInfo {
  term: string;
  df: number;
}

/** The indexed text columns, in the order of their weight. */
export type SearchColumn = 'title' | 'themes' | 'speakers' | 'hosts' | 'tags' | 'summary' | 'body';

/** Structured constraints that narrow a search, all optional. Times are epoch milliseconds. */
export interface EventFilters {
  fromMs?: number;
  /** Exclusive. */
  toMs?: number;
  type?: string;
}

/** One full-text constraint: every group must match (AND); a group matches when any of its words does. */
export interface TextClause {
  groups: string[][];
  /** Words that must appear together, in order. */
  phrases?: string[][];
  /** Columns the clause looks in; all columns when absent. */
  columns?: SearchColumn[];
}

/** A ranked full-text request: all clauses must hold. */
export interface MatchRequest {
  clauses: TextClause[];
  /** 'short' looks only in titles, themes, people and tags (a much smaller index); 'all' also in summaries and bodies. */
  scope?: 'short' | 'all';
  filters: EventFilters;
  limit: number;
  /**
   * For very common words: rank only the `budget` latest matches (by start) instead of all of them,
   * which keeps a one-common-word query as fast as a rare one at any archive size.
   */
  budget?: number;
}

/** The short fields of an event, all that ranking reads; far cheaper to load than the full event. */
export interface EventDigest {
  id: string;
  title: string;
  start: string;
  themes: string[];
  speakers: string[];
  hosts: string[];
  tags: string[];
  summary: string;
  series: string | undefined;
}

/** A speaker or host of one matching event, with the role the programme gave them there. */
export interface PersonAt {
  name: string;
  role?: string;
  eventId: string;
  series?: string;
}

/** One occurrence of a recurring series. */
export interface Occurrence {
  id: string;
  title: string;
  start: string;
}

/** What search needs from storage. Implementations must parameterise everything the user typed. */
export interface SearchIndex {
  eventCount(): number;
  /** How many events use this exact word; 0 when the archive never does. */
  termFrequency(term: string): number;
  /** Words sharing letter trigrams with `term` and of similar length: candidates for spelling correction. */
  similarTerms(term: string, limit: number): TermInfo[];
  /** Words starting with `prefix`, most used first. */
  termsWithPrefix(prefix: string, limit: number): TermInfo[];
  /** Ids matching the request, best bm25 first (the score is higher-is-better). */
  match(request: MatchRequest): { id: string; score: number }[];
  /**
   * How many events (a recurring series counting once) the request matches, counted up to `cap`:
   * a result of `cap` means "at least". The request's `limit` and `budget` are ignored.
   */
  countMatches(request: MatchRequest, cap: number): number;
  /** How many events (a series counting once) lie within the filters, up to `cap`. */
  countBrowse(filters: EventFilters, cap: number): number;
  /** The occurrence of a recurring series to show, within the filters: the next from now, else the latest. */
  nextInSeries(series: string, nowMs: number, filters?: EventFilters): string | undefined;
  /** The event a pasted link points to: its `url` as stored, compared without scheme, www, query or trailing slash. */
  eventByUrl(url: string): string | undefined;
  /**
   * Ids the request matches, newest first, a series once (at its latest match): `limit` of them after
   * `offset`, in one fixed order, so paging reaches the last match. `budget` is ignored.
   */
  newestMatches(request: MatchRequest, offset: number): string[];
  /**
   * The speakers (or hosts) of the newest `cap` events the request matches, newest event first and in
   * programme order within one, for lists of a person's events and the same-surname picker.
   */
  peopleAt(request: MatchRequest, kind: 'speaker' | 'host', cap: number): PersonAt[];
  /** Occurrences of a recurring series starting at or after `fromMs`, soonest first. */
  seriesOccurrences(series: string, fromMs: number, limit: number): Occurrence[];
  /** Ids of events within the filters, by start time, without any text; a series once when `oncePerSeries`. */
  browse(
    filters: EventFilters,
    order: 'asc' | 'desc',
    limit: number,
    offset: number,
    oncePerSeries?: boolean,
  ): string[];
  /** Digests for ids, in the order given; unknown ids are left out. */
  digests(ids: string[]): EventDigest[];
  /** Full events for ids, in the order given; unknown ids are left out. */
  events(ids: string[]): Event[];
  /** Event types with counts, for `type:` filters and help. */
  types(): { type: string; count: number }[];
  /** Every theme title (case-folded together) with how many events carry it. */
  themeCounts(limit: number): { themes: { title: string; count: number }[]; total: number };
  /**
   * `compute()`'s value, worked out once and kept under `key` until the archive changes (an import, an
   * event added in Slack), for figures drawn from the whole archive (the merged theme list).
   */
  derived<T>(key: string, compute: () => T): T;
}
