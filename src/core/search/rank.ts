import Fuse from 'fuse.js';
import type { EventDigest } from '../ports/search.js';
import { foldDiacritics } from '../text.js';
import { tokenize } from './tokens.js';

/** A candidate from full-text retrieval: its bm25 rank, and whether every query word matched. */
export interface Candidate {
  event: EventDigest;
  bm25Rank: number;
  strict: boolean;
}

export interface Ranked {
  event: EventDigest;
  score: number;
  matched: string[];
}

/** The short fields fuse.js compares, with weights in the same order as bm25's: title first. */
const FUSE_KEYS = [
  { name: 'title', weight: 3 },
  { name: 'themes', weight: 2 },
  { name: 'speakers', weight: 1.5 },
  { name: 'hosts', weight: 1.5 },
  { name: 'tags', weight: 1 },
];

/** Reciprocal-rank constant: how much a first place outweighs a fifth. */
const RRF_K = 8;
/** fuse.js re-ranks only the best few bm25 candidates: its token search costs about 0.1 ms per event. */
const FUSE_CANDIDATES = 12;
/**
 * Words of the query fuse.js compares: its token search costs grow with each word (twelve common
 * words took 40 ms over twelve candidates); whole-word coverage below still counts every word.
 */
const FUSE_WORDS = 6;
const DAY = 86_400_000;
/** Events tagged "sample" (the demo events shipped in data/samples) never outrank the real archive. */
const SAMPLE_TAG = 'sample';
const SAMPLE_FACTOR = 0.5;
/** The highest raw score a candidate can reach: every bonus, first by both bm25 and fuse. */
const MAX_RAW = 0.25 + 0.3 + 0.2 + 0.15 + 2 * (2 / (RRF_K + 1)) + 0.02 + 0.02;

type ShortField = 'title' | 'themes' | 'speakers' | 'hosts' | 'tags';

/** Words of the short fields; summaries are only substring-checked (tokenizing them per query is costly). */
function shortFieldWords(event: EventDigest): [ShortField, Set<string>][] {
  return [
    ['title', new Set(tokenize(event.title))],
    ['themes', new Set(event.themes.flatMap((t) => tokenize(t)))],
    ['speakers', new Set(event.speakers.flatMap((s) => tokenize(s)))],
    ['hosts', new Set(event.hosts.flatMap((h) => tokenize(h)))],
    ['tags', new Set(event.tags.flatMap((t) => tokenize(t)))],
  ];
}

function longText(event: EventDigest): string {
  return foldDiacritics(event.summary).toLowerCase();
}

/**
 * Re-ranks a few dozen candidates. bm25 order and fuse.js's fuzzy order over the short fields are fused
 * by reciprocal rank; then whole-word coverage (title first; the query's words already include their
 * inflections), exact phrases, candidates that matched every word, and finally recency and upcoming
 * events decide. Scores are 0..1, higher is better.
 */
export function rankCandidates(
  candidates: Candidate[],
  groups: string[][],
  phrase: string,
  nowMs: number,
): Ranked[] {
  if (!candidates.length) return [];
  const fuse = new Fuse(
    candidates.slice(0, FUSE_CANDIDATES).map((c) => c.event),
    { keys: FUSE_KEYS, includeScore: true, ignoreLocation: true, threshold: 0.4, useTokenSearch: true },
  );
  const fuseRank = new Map<string, number>();
  const query = groups
    .slice(0, FUSE_WORDS)
    .map((g) => g[0])
    .join(' ');
  if (query) {
    let previous: { score?: number; rank: number } | undefined;
    for (const [i, r] of fuse.search(query).entries()) {
      const rank = previous && previous.score === r.score ? previous.rank : i + 1;
      fuseRank.set(r.item.id, rank);
      previous = { score: r.score, rank };
    }
  }

  const ranked = candidates.map((c) => {
    const fields = shortFieldWords(c.event);
    const matched = new Set<string>();
    let long: string | undefined;
    let shortHits = 0;
    let titleHits = 0;
    for (const group of groups) {
      let inShort = false;
      for (const [name, words] of fields) {
        if (!group.some((t) => words.has(t))) continue;
        matched.add(name);
        inShort = true;
        if (name === 'title') titleHits++;
      }
      if (inShort) shortHits++;
      else {
        long ??= longText(c.event);
        if (group.some((t) => long?.includes(t))) matched.add('summary');
      }
    }
    const n = Math.max(1, groups.length);
    const rrf = 1 / (RRF_K + c.bm25Rank) + 1 / (RRF_K + (fuseRank.get(c.event.id) ?? FUSE_CANDIDATES + 1));
    const titleText = tokenize(c.event.title).join(' ');
    const phraseBonus = phrase && ` ${titleText} `.includes(` ${phrase} `) ? 0.15 : 0;
    const titleExtra = Math.max(0, tokenize(c.event.title).length - groups.length);
    const start = Date.parse(c.event.start);
    const ageYears = Math.max(0, (nowMs - start) / (365 * DAY));
    const recency = 0.02 / (1 + ageYears);
    const upcoming = start >= nowMs ? 0.02 : 0;
    const raw =
      (c.strict ? 0.25 : 0) +
      0.3 * (shortHits / n) +
      0.2 * (titleHits / n) +
      phraseBonus +
      2 * rrf -
      0.004 * Math.min(titleExtra, 10) +
      recency +
      upcoming;
    const demoted = c.event.tags.some((t) => t.toLowerCase() === SAMPLE_TAG) ? SAMPLE_FACTOR : 1;
    // Divide by the best possible sum rather than clamp: clamping would tie every strong match at 1.
    return { event: c.event, score: Math.max(0, (raw * demoted) / MAX_RAW), matched: [...matched] };
  });
  return ranked.sort((a, b) => b.score - a.score || Date.parse(b.event.start) - Date.parse(a.event.start));
}
