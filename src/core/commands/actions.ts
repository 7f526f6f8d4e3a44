import type { Event } from '../model.js';
import { isSlackAdded } from '../ports/added-events.js';
import { REMIND_PRESETS, type RemindPreset } from '../reminders/model.js';
import { computeDue } from '../reminders/schedule.js';
import { presetSpec } from '../reminders/when.js';
import { isDateOnly } from '../time.js';
import { type EventWhen, eventWhen } from '../when-text.js';
import { type CommandDeps, MAX_SUGGESTIONS } from './deps.js';
import type { Hit, ListItem, PagedSubcommand, PagePosition, ReplyAction } from './reply.js';

/**
 * Which actions each kind of reply offers, decided here once. The doors render what they are given.
 */

/**
 * The event card's own actions, by tense. An upcoming event: Remind me (only the times still ahead) and
 * Add to calendar, then Share, More like this and Read more. A past one cannot be attended, so no
 * reminder or calendar: its Event page, Share, Related and Read more.
 */
export function cardActions(
  event: Event,
  when: EventWhen,
  deps: Pick<CommandDeps, 'clock' | 'zone'>,
): ReplyAction[] {
  const id = event.id;
  const common: ReplyAction[] = [
    { kind: 'share', eventId: id },
    { kind: 'more-like', eventId: id },
    { kind: 'read-more', eventId: id },
    // An event added in Slack can be corrected in Slack (by an editor, the click checks); a file's at its source.
    ...(isSlackAdded(event) ? [{ kind: 'edit' as const, eventId: id }] : []),
  ];
  if (!when.upcoming)
    return [...(event.url ? [{ kind: 'event-page' as const, url: event.url }] : []), ...common];
  const choices = remindChoices(event, deps);
  return [
    ...(choices.length ? [{ kind: 'remind' as const, eventId: id, choices }] : []),
    { kind: 'calendar', eventId: id },
    ...common,
  ];
}

/**
 * What a card shared into a channel offers everyone who sees it: for an upcoming event, Remind me and
 * Add to calendar (each answered privately to whoever clicks); for a past one, its page.
 */
export function sharedCardActions(
  event: Event,
  when: EventWhen,
  deps: Pick<CommandDeps, 'clock' | 'zone'>,
): ReplyAction[] {
  return cardActions(event, when, deps).filter(
    (a) => a.kind === 'remind' || a.kind === 'calendar' || a.kind === 'event-page',
  );
}

/** The "Remind me" choices whose time is still ahead (read in the configured zone; the click re-checks in the clicker's). */
function remindChoices(event: Event, deps: Pick<CommandDeps, 'clock' | 'zone'>): RemindPreset[] {
  const nowMs = deps.clock.now().getTime();
  return REMIND_PRESETS.filter((preset) => {
    if (preset === 'hour-before' && isDateOnly(event.start)) return false;
    const due = computeDue(presetSpec(preset), event, deps.zone, deps.zone);
    return 'dueMs' in due && due.dueMs > nowMs;
  });
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
