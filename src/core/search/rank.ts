import Fuse from 'fuse.js';
import type { Event } from '../model.js';
import { tokenize } from './tokens.js';

/** A candidate from full-text retrieval: its bm25 rank, and whether every query word matched. */
export interface Candidate {
  event: Event;
  bm25Rank: number;
  strict: boolean;
}

export interface Ranked {
  event: Event;
  score: number;
  matched: string[];
}

/** The short fields fuse.js compares, with weights in the same order as bm25's: title first. */
const FUSE_KEYS = [
  { name: 'title', weight: 3 },
  { name: 'themes', weight: 2, getFn: (e: Event) => e.themes.map((t) => t.title) },
  { name: 'speakers', weight: 1.5, getFn: (e: Event) => e.speakers.map((s) => s.name) },
  { name: 'hosts', weight: 1.5 },
  { name: 'tags', weight: 1 },
];

/** Reciprocal-rank constant: how much a first place outweighs a fifth. */
const RRF_K = 8;
const DAY = 86_400_000;

type FieldName = 'title' | 'themes' | 'speakers' | 'hosts' | 'tags' | 'summary' | 'body';

function fieldWords(event: Event): Record<FieldName, Set<string>> {
  return {
    title: new Set(tokenize(event.title)),
    themes: new Set(event.themes.flatMap((t) => tokenize(t.title))),
    speakers: new Set(event.speakers.flatMap((s) => tokenize(s.name))),
    hosts: new Set(event.hosts.flatMap((h) => tokenize(h))),
    tags: new Set(event.tags.flatMap((t) => tokenize(t))),
    summary: new Set(tokenize(event.summary)),
    body: new Set([...tokenize(event.body), ...event.themes.flatMap((t) => tokenize(t.summary))]),
  };
}

/** Whether a word matches a field's words: exactly, or as the same stem (a shared prefix of 5+ letters). */
function hasWord(words: Set<string>, term: string): boolean {
  if (words.has(term)) return true;
  if (term.length < 5) return false;
  const stem = term.slice(0, Math.max(5, term.length - 3));
  for (const w of words) if (w.startsWith(stem)) return true;
  return false;
}

/**
 * Re-ranks a few dozen candidates. bm25 order and fuse.js's fuzzy order over the short fields are fused
 * by reciprocal rank; then whole-word coverage (title first), exact phrases, candidates that matched
 * every word, and finally recency and upcoming events decide. Scores are 0..1, higher is better.
 */
export function rankCandidates(
  candidates: Candidate[],
  groups: string[][],
  phrase: string,
  nowMs: number,
): Ranked[] {
  if (!candidates.length) return [];
  const fuse = new Fuse(
    candidates.map((c) => c.event),
    { keys: FUSE_KEYS, includeScore: true, ignoreLocation: true, threshold: 0.4, useTokenSearch: true },
  );
  const fuseRank = new Map<string, number>();
  const query = groups.map((g) => g[0]).join(' ');
  if (query) {
    for (const [i, r] of fuse.search(query).entries()) fuseRank.set(r.item.id, i + 1);
  }

  const ranked = candidates.map((c) => {
    const fields = fieldWords(c.event);
    const matched = new Set<FieldName>();
    let shortHits = 0;
    let titleHits = 0;
    for (const group of groups) {
      let inShort = false;
      for (const [name, words] of Object.entries(fields) as [FieldName, Set<string>][]) {
        if (!group.some((t) => hasWord(words, t))) continue;
        matched.add(name);
        if (name !== 'summary' && name !== 'body') inShort = true;
        if (name === 'title') titleHits++;
      }
      if (inShort) shortHits++;
    }
    const n = Math.max(1, groups.length);
    const rrf = 1 / (RRF_K + c.bm25Rank) + 1 / (RRF_K + (fuseRank.get(c.event.id) ?? candidates.length + 1));
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
    return { event: c.event, score: Math.max(0, Math.min(1, raw)), matched: [...matched] };
  });
  return ranked.sort((a, b) => b.score - a.score || Date.parse(b.event.start) - Date.parse(a.event.start));
}
