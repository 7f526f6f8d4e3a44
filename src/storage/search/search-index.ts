import type { Statement } from 'better-sqlite3';
import type { Event } from '../../core/model.js';
import type {
  EventDigest,
  EventFilters,
  MatchRequest,
  Occurrence,
  PersonAt,
  SearchIndex,
  TermInfo,
} from '../../core/ports/search.js';
import type { Db } from '../database.js';
import type { EventStore } from '../event-repository.js';
import { urlKey, urlVariants } from '../url-key.js';
import { phrasesOf, toFtsExpression } from './fts-expression.js';
import { phraseConditions, registerPhraseCheck } from './phrase-check.js';
import {
  BM25_ALL,
  BM25_SHORT,
  type DigestRow,
  digestOf,
  filterSql,
  pageOncePerSeries,
  type SeriesRow,
} from './search-sql.js';

/**
 * Up to this many occurrences of recurring series, counting matches reads them from the series index
 * rather than each match's events row; past it, that index is no smaller than the rows.
 */
const FEW_SERIES_MEMBERS = 20_000;

/** Which occurrences of a series may be shown: within a time window, of a type. */
interface SeriesWindow {
  series: string;
  from: number;
  to: number;
  type: string | null;
}

/** The read side of search: SQLite implementation of the search port. Its tables are written by SearchIndexWriter. */
export class SqliteSearchIndex implements SearchIndex {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
  ) {
    registerPhraseCheck(db, store.texts);
    this.statements = {
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events'),
      firstSeqFrom: db
        .prepare<[number], number>(
          'SELECT seq FROM events WHERE start_ms >= ? ORDER BY start_ms, seq LIMIT 1',
        )
        .pluck(),
      df: db.prepare<[string], { df: number }>('SELECT df FROM vocab WHERE term = ?'),
      similar: db.prepare<[string, number, number, number], TermInfo>(
        `SELECT v.term, v.df FROM vocab_trigram JOIN vocab v ON v.id = vocab_trigram.rowid
         WHERE vocab_trigram MATCH ? AND length(v.term) BETWEEN ? AND ?
         ORDER BY rank LIMIT ?`,
      ),
      prefix: db.prepare<[string, string, number], TermInfo>(
        'SELECT term, df FROM vocab WHERE term >= ? AND term < ? ORDER BY df DESC LIMIT ?',
      ),
      digests: db.prepare<[string], DigestRow>(
        `SELECT e.id, e.title, e.start, e.tags, e.text, e.series, e.themes, e.speakers, e.hosts
         FROM json_each(?) j JOIN events e ON e.id = j.value`,
      ),
      nextInSeries: db.prepare<[SeriesWindow], { id: string }>(
        `SELECT id FROM events WHERE series = @series AND start_ms >= @from AND start_ms < @to
           AND (@type IS NULL OR lower(type) = lower(@type)) ORDER BY start_ms LIMIT 1`,
      ),
      lastInSeries: db.prepare<[SeriesWindow], { id: string }>(
        `SELECT id FROM events WHERE series = @series AND start_ms >= @from AND start_ms < @to
           AND (@type IS NULL OR lower(type) = lower(@type)) ORDER BY start_ms DESC LIMIT 1`,
      ),
      seriesOccurrences: db.prepare<[string, number, number], Occurrence>(
        'SELECT id, title, start FROM events WHERE series = ? AND start_ms >= ? ORDER BY start_ms, id LIMIT ?',
      ),
      byUrl: db.prepare<[string, string], { id: string }>(
        `SELECT id FROM events WHERE url_key IN (SELECT value FROM json_each(?))
           AND url IN (SELECT value FROM json_each(?)) ORDER BY start_ms DESC LIMIT 1`,
      ),
      types: db.prepare<[], { type: string; count: number }>(
        'SELECT type, count(*) AS count FROM events GROUP BY type ORDER BY count DESC, type',
      ),
      themeCounts: db.prepare<[number], { title: string; count: number }>(
        'SELECT title, count FROM theme_counts ORDER BY count DESC, lower(title) LIMIT ?',
      ),
      themeTotal: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM theme_counts'),
      generation: db.prepare<[], { data_gen: number; derived_gen: number }>(
        'SELECT data_gen, derived_gen FROM search_state WHERE id = 1',
      ),
      seriesMembers: db.prepare<[number], { n: number }>(
        'SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE series IS NOT NULL LIMIT ?)',
      ),
    };
  }

  eventCount(): number {
    return this.statements.count.get()?.n ?? 0;
  }

  termFrequency(term: string): number {
    return this.statements.df.get(term)?.df ?? 0;
  }

  similarTerms(term: string, limit: number): TermInfo[] {
    const trigrams = new Set<string>();
    for (let i = 0; i + 3 <= term.length; i++) trigrams.add(term.slice(i, i + 3));
    if (!trigrams.size) return [];
    const expression = [...trigrams].map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ');
    return this.statements.similar.all(expression, term.length - 2, term.length + 2, limit);
  }

  termsWithPrefix(prefix: string, limit: number): TermInfo[] {
    return this.statements.prefix.all(prefix, `${prefix}\uffff`, limit);
  }

  match(request: MatchRequest): { id: string; score: number }[] {
    const expression = toFtsExpression(request.clauses);
    if (!expression) return [];
    const { sql, params } = this.matchSql(expression, request);
    return this.prepared(sql).all(...params) as { id: string; score: number }[];
  }

  countMatches(request: MatchRequest, cap: number): number {
    const expression = toFtsExpression(request.clauses);
    if (!expression) return 0;
    const { table, bounds, params } = this.ftsScan(expression, request);
    // Capping the matches keeps this to a few milliseconds whatever the word. Occurrences of one
    // series may fill the cap: a floor.
    params.push(cap * 4);
    const matches = `SELECT rowid FROM ${table} WHERE ${table} MATCH ?${bounds} LIMIT ?`;
    if (request.filters.type !== undefined || this.seriesMembersOver(FEW_SERIES_MEMBERS)) {
      // A type filter (or an archive of mostly recurring events) needs each match's events row.
      const typed = request.filters.type !== undefined;
      if (typed) params.push(request.filters.type);
      const sql = `SELECT count(DISTINCT coalesce(e.series, e.id)) AS n FROM (${matches}) m
        JOIN events e ON e.seq = m.rowid ${typed ? 'WHERE lower(e.type) = lower(?)' : ''}`;
      return Math.min(cap, (this.prepared(sql).get(...params) as { n: number }).n);
    }
    // Reading each match's events row for its series cost a third of a theme list at 100k events:
    // instead, the matches are counted in the index alone, and the few that belong to a series are
    // found from the series index (which holds every occurrence's seq) and counted once per series.
    const sql = `WITH m(seq) AS MATERIALIZED (${matches}),
        s(seq, series) AS MATERIALIZED (SELECT seq, series FROM events WHERE series IS NOT NULL)
      SELECT (SELECT count(*) FROM m) AS matches, count(s.seq) AS members, count(DISTINCT s.series) AS series
      FROM m JOIN s ON s.seq = m.seq`;
    const n = this.prepared(sql).get(...params) as { matches: number; members: number; series: number };
    return Math.min(cap, n.matches - n.members + n.series);
  }

  /** True when more than `limit` events belong to a recurring series (read from the series index, at most `limit` + 1 entries). */
  private seriesMembersOver(limit: number): boolean {
    // Reading up to `limit` entries of the series index on every count: once per archive generation.
    return this.derived(
      `series-members-over-${limit}`,
      () => (this.statements.seriesMembers.get(limit + 1)?.n ?? 0) > limit,
    );
  }

  countBrowse(filters: EventFilters, cap: number): number {
    const { where, params } = filterSql(filters);
    // The rows are read in the filter's index order and counted as they come, a series once; the
    // count stops at `cap` (a type filter reads each row, so a total of a few thousand is most of the cost).
    const sql = `SELECT coalesce(e.series, e.id) AS key FROM events e WHERE 1 = 1 ${where} LIMIT ?`;
    const keys = new Set<string>();
    for (const key of this.prepared(sql)
      .pluck()
      .iterate(...params, cap * 4) as Iterable<string>) {
      keys.add(key);
      if (keys.size >= cap) break;
    }
    return keys.size;
  }

  newestMatches(request: MatchRequest, offset: number): string[] {
    const expression = toFtsExpression(request.clauses);
    if (!expression || request.limit <= 0) return [];
    const { table, bounds, params } = this.ftsScan(expression, request, 'f.');
    const typed = request.filters.type !== undefined;
    if (typed) params.push(request.filters.type);
    // FTS5 hands rows out newest rowid first (rowids follow start time) and the loop stops once the
    // page is full, so a first page costs the same whatever the word; series are folded here.
    const sql = `SELECT e.id AS id, e.series AS series FROM ${table} f JOIN events e ON e.seq = f.rowid
      WHERE ${table} MATCH ?${bounds}${typed ? ' AND lower(e.type) = lower(?)' : ''} ORDER BY f.rowid DESC`;
    return pageOncePerSeries(
      this.prepared(sql).iterate(...params) as Iterable<SeriesRow>,
      offset,
      request.limit,
    );
  }

  peopleAt(request: MatchRequest, kind: 'speaker' | 'host', cap: number): PersonAt[] {
    const expression = toFtsExpression(request.clauses);
    if (!expression || cap <= 0) return [];
    const { table, bounds, params } = this.ftsScan(expression, request);
    params.push(cap, kind);
    const typed = request.filters.type !== undefined;
    if (typed) params.push(request.filters.type);
    const sql = `SELECT p.value AS name, p.key AS position, e.id AS eventId, e.series AS series,
        e.text AS text FROM
      (SELECT rowid FROM ${table} WHERE ${table} MATCH ?${bounds} ORDER BY rowid DESC LIMIT ?) m
      JOIN events e ON e.seq = m.rowid JOIN json_each(iif(? = 'host', e.hosts, e.speakers)) p
      ${typed ? 'WHERE lower(e.type) = lower(?)' : ''} ORDER BY m.rowid DESC, p.key`;
    const rows = this.prepared(sql).all(...params) as {
      name: string;
      position: number;
      eventId: string;
      series: string | null;
      text: Uint8Array;
    }[];
    // Roles are in each event's packed text (speakers only: hosts have none), unpacked once an event.
    let roles: { eventId: string; roles: string[] } | undefined;
    const roleOf = (r: (typeof rows)[number]): string => {
      if (kind !== 'speaker') return '';
      if (roles?.eventId !== r.eventId)
        roles = { eventId: r.eventId, roles: this.store.texts.unpack(r.text).roles };
      return roles.roles[r.position] ?? '';
    };
    return rows.map((r) => {
      const role = roleOf(r);
      return {
        name: r.name,
        eventId: r.eventId,
        ...(role ? { role } : {}),
        ...(r.series ? { series: r.series } : {}),
      };
    });
  }

  seriesOccurrences(series: string, fromMs: number, limit: number): Occurrence[] {
    return this.statements.seriesOccurrences.all(series, Math.max(Number.MIN_SAFE_INTEGER, fromMs), limit);
  }

  private matchSql(expression: string, request: MatchRequest): { sql: string; params: unknown[] } {
    // Rank inside the full-text index alone and join events only for the rows kept: a join per match
    // costs more than bm25 itself. Date filters are rowid bounds (rowids follow start time); a type
    // filter needs the events row, so it is applied in the join, after ranking a larger pool.
    const { table, bounds, params } = this.ftsScan(expression, request);
    const typed = request.filters.type !== undefined;
    // A recurring series has one row per occurrence; the pool is wide enough that a long series
    // collapsed to one row (GROUP BY below) cannot crowd everything else out of the limit.
    const pool = typed ? Math.max(request.limit * 20, 400) : request.limit * 8;
    const bm25 = request.scope === 'short' ? BM25_SHORT : BM25_ALL;
    const matches = `SELECT rowid, ${bm25} AS rank FROM ${table} WHERE ${table} MATCH ?${bounds}`;
    // With a budget, FTS5 walks rowids newest first and stops there, so bm25 runs on at most `budget` rows.
    const inner =
      request.budget === undefined
        ? `${matches} ORDER BY rank LIMIT ?`
        : `SELECT rowid, rank FROM (${matches} ORDER BY rowid DESC LIMIT ?) ORDER BY rank LIMIT ?`;
    if (request.budget !== undefined) params.push(request.budget);
    params.push(pool);
    const sql = `SELECT e.id AS id, -min(m.rank) AS score FROM (${inner}) m JOIN events e ON e.seq = m.rowid
      ${typed ? 'WHERE lower(e.type) = lower(?)' : ''} GROUP BY coalesce(e.series, e.id) ORDER BY min(m.rank) LIMIT ?`;
    if (typed) params.push(request.filters.type);
    params.push(request.limit);
    return { sql, params };
  }

  /** The index a request reads, its MATCH parameter and its date filters as rowid bounds. */
  private ftsScan(
    expression: string,
    request: MatchRequest,
    alias = '',
  ): { table: string; bounds: string; params: unknown[] } {
    const { fromMs, toMs } = request.filters;
    const table = request.scope === 'short' ? 'short_fts' : 'events_fts';
    const phrases = table === 'events_fts' ? phrasesOf(request.clauses) : [];
    // events_fts keeps no word positions: its MATCH takes a phrase's words, and phraseConditions the order.
    const params: unknown[] = [phrases.length ? toFtsExpression(request.clauses, true) : expression];
    let bounds = '';
    if (fromMs !== undefined && Number.isFinite(fromMs)) {
      bounds += ` AND ${alias}rowid >= ?`;
      params.push(this.firstSeqFrom(fromMs) ?? Number.MAX_SAFE_INTEGER);
    }
    const to = toMs !== undefined && Number.isFinite(toMs) ? this.firstSeqFrom(toMs) : undefined;
    if (to !== undefined) {
      bounds += ` AND ${alias}rowid < ?`;
      params.push(to);
    }
    if (phrases.length) {
      this.store.texts.refresh();
      const checks = phraseConditions(phrases, alias ? `${alias}rowid` : `${table}.rowid`);
      bounds += checks.sql;
      params.push(...checks.params);
    }
    return { table, bounds, params };
  }

  /** The rowid of the first event starting at or after `ms` (rowid order is start order: see event-seq.ts). */
  private firstSeqFrom(ms: number): number | undefined {
    return this.statements.firstSeqFrom.get(ms) as number | undefined;
  }

  /** Statements built from a few fixed shapes, prepared once each rather than on every query. */
  private readonly cache = new Map<string, Statement>();
  private prepared(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.cache.size < 200) this.cache.set(sql, statement);
    }
    return statement;
  }

  nextInSeries(series: string, nowMs: number, filters: EventFilters = {}): string | undefined {
    const from = Number.isFinite(filters.fromMs) ? (filters.fromMs as number) : Number.MIN_SAFE_INTEGER;
    const to = Number.isFinite(filters.toMs) ? (filters.toMs as number) : Number.MAX_SAFE_INTEGER;
    const type = filters.type ?? null;
    return (
      this.statements.nextInSeries.get({ series, from: Math.max(from, nowMs), to, type }) ??
      this.statements.lastInSeries.get({ series, from, to, type })
    )?.id;
  }

  eventByUrl(url: string): string | undefined {
    const variants = urlVariants(url);
    return this.statements.byUrl.get(JSON.stringify(variants.map(urlKey)), JSON.stringify(variants))?.id;
  }

  browse(
    filters: EventFilters,
    order: 'asc' | 'desc',
    limit: number,
    offset: number,
    oncePerSeries = false,
  ): string[] {
    const { where, params } = filterSql(filters);
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const sql = `SELECT e.id AS id, e.series AS series FROM events e WHERE 1 = 1 ${where}
      ORDER BY e.start_ms ${direction}, e.id`;
    if (!oncePerSeries)
      return (this.prepared(`${sql} LIMIT ? OFFSET ?`).all(...params, limit, offset) as { id: string }[]).map(
        (r) => r.id,
      );
    // A series once, at its first occurrence in this order: the rows come from the start-time index in
    // order and the walk stops once the page is full, where grouping every matching row first cost
    // 90-115 ms for a type filter over 100k events (`type:"Panel Discussion" after:2014`).
    return pageOncePerSeries(this.prepared(sql).iterate(...params) as Iterable<SeriesRow>, offset, limit);
  }

  digests(ids: string[]): EventDigest[] {
    if (!ids.length) return [];
    const texts = this.store.texts;
    const byId = new Map(
      this.statements.digests.all(JSON.stringify(ids)).map((r) => [r.id, digestOf(r, texts)] as const),
    );
    return ids.map((id) => byId.get(id)).filter((d): d is EventDigest => d !== undefined);
  }

  events(ids: string[]): Event[] {
    return this.store.getManyByIds(ids);
  }

  types(): { type: string; count: number }[] {
    // Counting every event's type reads the whole table (150-200 ms at 100k events), on the thread that
    // acks when the search form opens: once per archive generation instead.
    return this.derived('types', () => this.statements.types.all());
  }

  themeCounts(limit: number): { themes: { title: string; count: number }[]; total: number } {
    return {
      themes: this.statements.themeCounts.all(limit),
      total: this.statements.themeTotal.get()?.n ?? 0,
    };
  }

  /** Values kept by {@link derived}, each with the generation of the archive it was made from. */
  private readonly kept = new Map<string, { generation: string; value: unknown }>();

  derived<T>(key: string, compute: () => T): T {
    // Every write of events counts a new data generation, in whichever process made it (search_state).
    const state = this.statements.generation.get();
    const generation = `${state?.data_gen}:${state?.derived_gen}`;
    const held = this.kept.get(key);
    if (held?.generation === generation) return held.value as T;
    const value = compute();
    this.kept.set(key, { generation, value });
    return value;
  }
}
