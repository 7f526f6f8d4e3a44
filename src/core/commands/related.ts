import type { Event } from '../model.js';
import type { EventDigest, TextClause } from '../ports/search.js';
import { type ParsedQuery, parseQuery } from '../search/query-parser.js';
import { type Hit, searchEvents } from '../search/search-events.js';
import { contentWords, tokenize } from '../search/tokens.js';
import type { CommandDeps } from './deps.js';

/** How many of the event's themes, tags and speakers are each looked up for candidates. */
const PER_FACET = 4;
const CANDIDATES_EACH = 12;

/**
 * Events related to `event` by what they share: the same speakers, tags, or themes (a theme counts when
 * its title shares a distinctive word, or two, with one of this event's). Each comes with one line
 * saying why, best first: speakers weigh most, then tags and whole themes, then theme words.
 */
export function relatedEvents(
  event: Event,
  deps: Pick<CommandDeps, 'index' | 'clock' | 'zone'>,
  limit: number,
): { hit: Hit; why: string; shared: Shared }[] {
  const now = deps.clock.now();
  const base = parseQuery('', now, deps.zone);
  const queries: ParsedQuery[] = [
    ...event.speakers.slice(0, PER_FACET).map((s) => ({ ...base, speaker: surname(s.name) })),
    ...event.tags.slice(0, PER_FACET).map((t) => ({ ...base, words: contentWords(tokenize(t)) })),
    ...event.themes.slice(0, PER_FACET).map((t) => ({ ...base, theme: contentWords(tokenize(t.title)) })),
  ].filter((q) => (q.speaker ?? q.theme ?? q.words).length > 0);
  const candidates = new Map<string, Hit>();
  for (const query of queries) {
    for (const hit of searchEvents(query, deps.index, { limit: CANDIDATES_EACH, nowMs: now.getTime() }).hits)
      if (hit.event.id !== event.id && !candidates.has(hit.event.id)) candidates.set(hit.event.id, hit);
  }
  const mine = facets(event);
  return [...candidates.values()]
    .map((hit) => ({ hit, shared: sharedWith(mine, facets(hit.event)) }))
    .filter((c) => c.shared.score > 0)
    .sort((a, b) => b.shared.score - a.shared.score || b.hit.event.start.localeCompare(a.hit.event.start))
    .slice(0, limit)
    .map(({ hit, shared }) => ({ hit, why: shared.why, shared }));
}

/**
 * One line for an upcoming event's card, reminder and digest entry: how many past events share its
 * most shared theme, tag or speaker, "Before this: 3 past events on Sahel mediation". Undefined when
 * none do. Looks at the first two of each facet only, and reads candidates straight from the index
 * (no ranking, no totals, no whole events), so a card stays cheap to build.
 */
export function pastEventsLine(
  event: Event,
  deps: Pick<CommandDeps, 'index' | 'clock' | 'zone'>,
): string | undefined {
  const mine = facets(event);
  const counts = new Map<string, { label: string; n: number; weight: number }>();
  const count = (label: string, prefix: string, weight: number) => {
    const key = `${prefix}${label.toLowerCase()}`;
    const entry = counts.get(key) ?? { label: `${prefix}${label}`, n: 0, weight };
    entry.n += 1;
    counts.set(key, entry);
  };
  for (const past of pastCandidates(event, deps)) {
    const shared = sharedWith(mine, digestFacets(past));
    for (const t of shared.themes) count(t, 'on ', 2);
    for (const t of shared.tags) count(t, 'on ', 1.5);
    for (const s of shared.speakers) count(s, 'with ', 3);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n || b.weight - a.weight)[0];
  if (!best) return undefined;
  const label = best.label.length > 80 ? `${best.label.slice(0, 79).trimEnd()}…` : best.label;
  const n = best.n >= CANDIDATES_EACH ? `${best.n}+` : String(best.n);
  return `Before this: ${n} past event${best.n === 1 ? '' : 's'} ${label}`;
}

/** Facets looked up for the "Before this" line: the first two speakers, tags and themes. */
const PAST_PER_FACET = 2;

/** Past events that may share a speaker (by surname), a tag or a theme's words with `event`, as digests. */
function pastCandidates(event: Event, deps: Pick<CommandDeps, 'index' | 'clock'>): EventDigest[] {
  const words = (text: string) => contentWords(tokenize(text)).map((w) => [w]);
  const lookups: TextClause[] = [
    ...event.speakers
      .slice(0, PAST_PER_FACET)
      .map((s): TextClause => ({ groups: surname(s.name).map((w) => [w]), columns: ['speakers'] })),
    ...event.tags.slice(0, PAST_PER_FACET).map((t): TextClause => ({ groups: words(t) })),
    ...event.themes
      .slice(0, PAST_PER_FACET)
      .map((t): TextClause => ({ groups: words(t.title), columns: ['themes'] })),
  ].filter((clause) => clause.groups.length > 0);
  const filters = { toMs: deps.clock.now().getTime() };
  const ids = new Set<string>();
  for (const clause of lookups) {
    // The newest few matches, not the best: a count needs no ranking (bm25 over thousands of rows).
    const request = { clauses: [clause], filters, limit: CANDIDATES_EACH, budget: CANDIDATES_EACH };
    for (const row of deps.index.match({ ...request, scope: 'short' })) ids.add(row.id);
  }
  ids.delete(event.id);
  return deps.index.digests([...ids]);
}

interface Facets {
  speakers: Map<string, string>;
  tags: Map<string, string>;
  themes: Map<string, string>;
  themeWords: Set<string>;
}

const key = (text: string) => tokenize(text).join(' ');

function facets(event: Event): Facets {
  return digestFacets({
    speakers: event.speakers.map((s) => s.name),
    tags: event.tags,
    themes: event.themes.map((t) => t.title),
  });
}

function digestFacets(event: Pick<EventDigest, 'speakers' | 'tags' | 'themes'>): Facets {
  return {
    speakers: new Map(event.speakers.map((s) => [key(s), s])),
    tags: new Map(event.tags.map((t) => [key(t), t])),
    themes: new Map(event.themes.map((t) => [key(t), t])),
    themeWords: new Set(event.themes.flatMap((t) => contentWords(tokenize(t))).filter((w) => w.length > 3)),
  };
}

/** What two events have in common, by facet, with a score and one line saying why. */
export interface Shared {
  score: number;
  why: string;
  speakers: string[];
  themes: string[];
  tags: string[];
}

function sharedWith(mine: Facets, theirs: Facets): Shared {
  const both = (a: Map<string, string>, b: Map<string, string>) =>
    [...a.keys()].filter((k) => k && b.has(k)).map((k) => a.get(k)!);
  const speakers = both(mine.speakers, theirs.speakers);
  const tags = both(mine.tags, theirs.tags);
  const themes = both(mine.themes, theirs.themes);
  const words = [...mine.themeWords].filter((w) => theirs.themeWords.has(w));
  const parts = [
    speakers.length
      ? `${speakers.length > 1 ? 'Speakers' : 'Speaker'}: ${speakers.slice(0, 3).join(', ')}`
      : '',
    themes.length ? `${themes.length > 1 ? 'Themes' : 'Theme'}: ${themes.slice(0, 3).join(', ')}` : '',
    !themes.length && words.length ? `Themes about ${words.slice(0, 3).join(', ')}` : '',
    tags.length ? `${tags.length > 1 ? 'Tags' : 'Tag'}: ${tags.slice(0, 3).join(', ')}` : '',
  ].filter(Boolean);
  const score = speakers.length * 3 + themes.length * 2 + tags.length * 1.5 + Math.min(3, words.length);
  return { score, why: parts.length ? `Shares ${lower(parts.join(' · '))}` : '', speakers, themes, tags };
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function surname(name: string): string[] {
  const words = contentWords(tokenize(name));
  return words.length ? [words[words.length - 1]] : [];
}
