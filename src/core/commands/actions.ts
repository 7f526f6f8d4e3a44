import type { Event } from '../model.js';
import type { RemindPreset } from '../reminders/model.js';
import { isDateOnly } from '../time.js';
import { type EventWhen, eventWhen } from '../when-text.js';
import { type CommandDeps, MAX_SUGGESTIONS } from './deps.js';
import type { Hit, ListItem, PagedSubcommand, PagePosition, ReplyAction } from './reply.js';

/**
 * Which actions each kind of reply offers, decided here once. The doors render what they are given.
 */

/** The event card's own actions: share it, be reminded of it, find more like it. */
export function cardActions(event: Event): ReplyAction[] {
  return [
    { kind: 'share', eventId: event.id },
    { kind: 'remind', eventId: event.id, choices: remindChoices(event) },
    { kind: 'more-like', eventId: event.id },
  ];
}

/** The "Remind me" choices that make sense for the event: an all-day event has no hour to count from. */
function remindChoices(event: Event): RemindPreset[] {
  return isDateOnly(event.start) ? ['day-before', 'morning-of'] : ['day-before', 'hour-before', 'morning-of'];
}

/** How an event's time reads for this request (its tense is decided against the clock, now). */
export function whenOf(event: Event, deps: Pick<CommandDeps, 'clock' | 'zone'>): EventWhen {
  return eventWhen(event, deps.clock.now().getTime(), deps.zone);
}

/** A listed event whose one action is to open its card (or, in the share picker, to share it). */
export function listItem(
  hit: Hit,
  deps: Pick<CommandDeps, 'clock' | 'zone'>,
  pick: 'open' | 'share' = 'open',
): ListItem {
  return { ...hit, when: whenOf(hit.event, deps), actions: [{ kind: pick, eventId: hit.event.id }] };
}

/**
 * Previous and Next for a page of `size` starting at `offset`, as typed requests for the same
 * subcommand and words. `hasMore` says whether anything follows this page.
 */
export function pagerActions(
  subcommand: PagedSubcommand,
  words: string,
  offset: number,
  size: number,
  hasMore: boolean,
): ReplyAction[] {
  const out: ReplyAction[] = [];
  if (offset > 0)
    out.push({
      kind: 'page',
      direction: 'previous',
      page: { subcommand, words, offset: Math.max(0, offset - size) },
    });
  if (hasMore)
    out.push({ kind: 'page', direction: 'next', page: { subcommand, words, offset: offset + size } });
  return out;
}

/** Where a page sits: its first item's offset and how many it shows (a total when the search gives one). */
export function positionOf(offset: number, shown: number, total?: number): PagePosition {
  return total === undefined ? { offset, shown } : { offset, shown, total };
}

/** "Did you mean" suggestions as actions: each runs a first page of a search for the suggested words. */
export function suggestionActions(suggestions: string[]): ReplyAction[] {
  const words = suggestions.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return words.slice(0, MAX_SUGGESTIONS).map((words) => ({
    kind: 'suggest',
    page: { subcommand: 'search', words, offset: 0 },
  }));
}
