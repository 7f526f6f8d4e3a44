import type { ArchiveAudit, AuditedField, AuditRecord, DuplicateGroup } from '../ports/archive-audit.js';
import { AUDITED_FIELDS } from '../ports/archive-audit.js';
import type { SearchIndex } from '../ports/search.js';
import type { MissedQuery, SearchMissLog } from '../ports/search-misses.js';
import type { Workspace } from '../reminders/model.js';
import { editDistance } from '../search/edit-distance.js';
import { contentWords, tokenize } from '../search/tokens.js';

/** What the gaps report reads: the archive's audit queries, its theme counts, and the search-miss log. */
export interface GapsDeps {
  audit: ArchiveAudit;
  index: Pick<SearchIndex, 'themeCounts' | 'eventCount'>;
  misses: SearchMissLog;
  /** How long misses are kept (SEARCH_MISS_DAYS): the report covers that window. */
  missDays: number;
  nowMs: number;
}

/** Two theme titles that probably name one theme. */
export interface SimilarThemes {
  titles: [string, string];
  counts: [number, number];
}

/** The keepers' report: what colleagues looked for and didn't find, and what the records lack. */
export interface GapsReport {
  events: number;
  missDays: number;
  misses: MissedQuery[];
  missing: { field: AuditedField; count: number; examples: AuditRecord[] }[];
  duplicates: DuplicateGroup[];
  similarThemes: SimilarThemes[];
}

/** How many rows each part of the report lists. */
const GAPS_LIMITS = { misses: 15, examples: 3, duplicates: 8, similarThemes: 8 } as const;
/** The most frequent theme titles compared for near-duplicates (the rest are rarely worth merging). */
const THEMES_COMPARED = 3000;
/** Pairwise comparisons at most, so a huge theme list costs bounded time. */
const MAX_COMPARISONS = 300_000;

/**
 * The gaps report: the most frequent searches that found nothing (in the retention window, one
 * workspace's, or every workspace's when `workspace` is undefined: the operator's CLI), records missing
 * a summary, themes, speakers, link or time zone, likely duplicates, and near-duplicate theme names.
 */
export async function gapsReport(deps: GapsDeps, workspace: Workspace | undefined): Promise<GapsReport> {
  const sinceMs = deps.nowMs - deps.missDays * 24 * 60 * 60_000;
  const misses = await deps.misses.top(workspace, sinceMs, GAPS_LIMITS.misses);
  return {
    events: deps.index.eventCount(),
    missDays: deps.missDays,
    misses,
    missing: AUDITED_FIELDS.map((field) => ({
      field,
      ...deps.audit.missing(field, GAPS_LIMITS.examples),
    })).filter((m) => m.count > 0),
    duplicates: deps.audit.duplicates(GAPS_LIMITS.duplicates),
    similarThemes: similarThemeNames(
      deps.index.themeCounts(THEMES_COMPARED).themes,
      GAPS_LIMITS.similarThemes,
    ),
  };
}

/** A title's words without stop words or plural endings, in order: "Women, Peace & Security" → "women peace security". */
function themeKey(title: string): string {
  return contentWords(tokenize(title))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .join(' ');
}

/**
 * Theme titles that differ only in stop words, punctuation, plurals or word order, or by a typo or two
 * (edit distance 1 under 12 characters, 2 from 12), most used pairs first.
 */
export function similarThemeNames(
  themes: { title: string; count: number }[],
  limit: number,
): SimilarThemes[] {
  type Keyed = { title: string; count: number; key: string; words: string };
  const keyed: Keyed[] = themes
    .map((t) => {
      const key = themeKey(t.title);
      return { ...t, key, words: key.split(' ').sort().join(' ') };
    })
    .filter((t) => t.key.length >= 4);
  const pairs: SimilarThemes[] = [];
  const seen = new Set<string>();
  const add = (a: Keyed, b: Keyed) => {
    const id = [a.title, b.title].sort().join('\u0000');
    if (seen.has(id)) return;
    seen.add(id);
    const [x, y] = a.count >= b.count ? [a, b] : [b, a];
    pairs.push({ titles: [x.title, y.title], counts: [x.count, y.count] });
  };
  // The same words in any order: each against the group's most used title.
  const byWords = new Map<string, Keyed[]>();
  for (const t of keyed) byWords.set(t.words, [...(byWords.get(t.words) ?? []), t]);
  for (const group of byWords.values()) for (const other of group.slice(1)) add(group[0], other);
  // A typo or two: compared only with titles of the same first letter and nearly the same length.
  const byLetter = new Map<string, Keyed[]>();
  for (const t of keyed) byLetter.set(t.key[0], [...(byLetter.get(t.key[0]) ?? []), t]);
  let comparisons = 0;
  for (const bucket of byLetter.values()) {
    bucket.sort((a, b) => a.key.length - b.key.length);
    for (let i = 0; i < bucket.length && comparisons < MAX_COMPARISONS; i++) {
      for (let j = i + 1; j < bucket.length && bucket[j].key.length - bucket[i].key.length <= 2; j++) {
        comparisons++;
        const a = bucket[i];
        const b = bucket[j];
        const max = a.key.length >= 12 ? 2 : 1;
        if (a.words !== b.words && editDistance(a.key, b.key, max) <= max) add(a, b);
      }
    }
  }
  return pairs.sort((x, y) => y.counts[0] + y.counts[1] - (x.counts[0] + x.counts[1])).slice(0, limit);
}

/**
 * How a missed query is kept: plain words only. Slack mentions (`<@U…>`, `<#C…>`, `<!here>`), links'
 * markup and anything shaped like a Slack user id are dropped, so the log never holds who was named.
 */
export function missText(text: string): string {
  return text
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<([^|>]*)\|([^>]*)>/g, '$2')
    .replace(/<([^>]*)>/g, '$1')
    .replace(/\b[UW][A-Z0-9]{8,}\b/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}
