import { DateTime } from 'luxon';
import { listItem } from '../commands/actions.js';
import type { CommandDeps } from '../commands/deps.js';
import type { ListItem } from '../commands/reply.js';
import type { Event } from '../model.js';
import { isEmptyQuery, parseQuery } from '../search/query-parser.js';
import { searchEvents } from '../search/search-events.js';
import { tokenize } from '../search/tokens.js';

/** What the search modal's fields hold, as typed; every field optional. */
export interface SearchForm {
  words?: string;
  type?: string;
  year?: string;
  place?: string;
  speaker?: string;
}

/** Results for the modal, or the fields to correct (keyed by field name). */
export type SearchFormResult =
  | { ok: true; items: ListItem[]; more: boolean; summary: string }
  | { ok: false; errors: Partial<Record<keyof SearchForm, string>> };

/** How many results the modal shows. */
const FORM_RESULTS = 10;
/** How many candidates a place filter looks through (the place is matched on each event's location). */
const PLACE_POOL = 200;

/**
 * The search modal: words and filters (type, year, place, speaker) as typed data, read by the same
 * search `/event` uses. A year narrows to that calendar year in the configured zone; a place keeps the
 * events whose location names it. Field mistakes come back per field, for `response_action: errors`.
 */
export function searchByForm(form: SearchForm, deps: CommandDeps): SearchFormResult {
  const errors: Partial<Record<keyof SearchForm, string>> = {};
  const year = form.year?.trim();
  if (year && !/^(1[89]|2[01])\d\d$/.test(year)) errors.year = 'A year such as 2019.';
  const words = form.words?.trim() ?? '';
  if (words.length > 300) errors.words = 'At most 300 characters.';
  const speaker = form.speaker?.trim() ?? '';
  const place = form.place?.trim() ?? '';
  if (!words && !form.type && !year && !place && !speaker)
    errors.words = 'Type some words, or choose at least one filter.';
  if (Object.keys(errors).length) return { ok: false, errors };

  const now = deps.clock.now();
  const query = parseQuery(words, now, deps.zone);
  if (form.type) query.type = form.type;
  if (speaker) query.speaker = tokenize(speaker);
  if (year) {
    const start = DateTime.fromObject({ year: Number(year) }, { zone: deps.zone });
    query.range = { fromMs: start.toMillis(), toMs: start.plus({ years: 1 }).toMillis(), label: year };
  }
  const wanted = tokenize(place);
  const atPlace = (event: Event) => {
    const where = tokenize(event.location ?? '');
    return wanted.every((w) => where.includes(w));
  };
  const pool = wanted.length ? PLACE_POOL : FORM_RESULTS + 1;
  const events = isEmptyQuery(query)
    ? deps.index.events(deps.index.browse({}, 'desc', pool, 0))
    : searchEvents(query, deps.index, { limit: pool, nowMs: now.getTime() }).hits.map((h) => h.event);
  const found = wanted.length ? events.filter(atPlace) : events;
  const items = found.slice(0, FORM_RESULTS).map((event) => listItem({ event, score: 1, matched: [] }, deps));
  return { ok: true, items, more: found.length > FORM_RESULTS, summary: describe(form) };
}

function describe(form: SearchForm): string {
  const parts = [
    form.words?.trim() && `“${form.words.trim()}”`,
    form.type && `type ${form.type}`,
    form.year?.trim() && `in ${form.year.trim()}`,
    form.place?.trim() && `at ${form.place.trim()}`,
    form.speaker?.trim() && `with ${form.speaker.trim()}`,
  ].filter(Boolean);
  return parts.join(', ');
}
