import type { Event } from '../model.js';
import { parseQuery } from '../search/query-parser.js';
import { searchEvents } from '../search/search-events.js';
import { tokenize } from '../search/tokens.js';
import { cardActions, listItem, pagerActions, whenOf } from './actions.js';
import { type CommandDeps, type CommandInput, LIST_PAGE, MORE_MATCHES } from './deps.js';
import { goneNotice, notice } from './notice.js';
import type { CommandResult, Hit, Reply } from './reply.js';
import { runSearch, SEARCH_PAGE, searchReply } from './search-command.js';

/** A card for one event, with the actions core offers on it. */
export function eventCard(
  event: Event,
  deps: CommandDeps,
  extra: Partial<Extract<Reply, { kind: 'event' }>> = {},
) {
  return {
    kind: 'event' as const,
    event,
    when: whenOf(event, deps),
    matched: [],
    more: [],
    actions: cardActions(event),
    ...extra,
  };
}

/** Open one event's card by id (the Open buttons and numbered console choices). */
export function openCommand(id: string, deps: CommandDeps): CommandResult {
  const event = deps.index.events([id.trim()])[0];
  if (!event) return goneNotice(id);
  return { visibility: 'ephemeral', reply: eventCard(event, deps) };
}

/**
 * "More like this": events sharing the most distinctive words of this one's title, themes and tags,
 * found by searching for them directly (fewer words when all three together find too little).
 */
export function moreLikeCommand(id: string, deps: CommandDeps): CommandResult {
  const event = deps.index.events([id.trim()])[0];
  if (!event) return goneNotice(id);
  const now = deps.clock.now();
  const words = [
    ...new Set(tokenize([event.title, ...event.themes.map((t) => t.title), ...event.tags].join(' '))),
  ]
    .filter((w) => w.length > 3)
    .map((w) => ({ w, df: deps.index.termFrequency(w) }))
    .filter((x) => x.df > 1)
    .sort((a, b) => a.df - b.df)
    .slice(0, 3)
    .map((x) => x.w);
  const base = parseQuery('', now, deps.zone);
  const hits: Hit[] = [];
  for (const subset of [words, words.slice(0, 2), words.slice(0, 1)]) {
    if (!subset.length) continue;
    const found = searchEvents({ ...base, words: subset }, deps.index, {
      limit: MORE_MATCHES + 1,
      nowMs: now.getTime(),
    }).hits;
    for (const hit of found)
      if (hit.event.id !== event.id && !hits.some((h) => h.event.id === hit.event.id)) hits.push(hit);
    if (hits.length >= LIST_PAGE) break;
  }
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'list',
      heading: `More like "${event.title}"`,
      items: hits.slice(0, LIST_PAGE).map((hit) => listItem(hit, deps)),
      empty: 'No similar events found.',
      actions: [],
    },
  };
}

/**
 * `/event share <query>`: posts the best match when it is clearly best, otherwise offers a picker.
 * A later page (from the picker's Next) is always a picker.
 */
export function shareCommand(input: CommandInput, deps: CommandDeps): CommandResult {
  const words = input.text.trim();
  if (!words) return notice('warning', 'Tell me what to share: `/event share peacekeeping finland`.');
  const offset = input.offset ?? 0;
  const found = runSearch({ ...input, offset }, deps);
  if ('reply' in found) return { visibility: 'ephemeral', reply: found.reply };
  const { result } = found;
  const [best, runnerUp] = result.hits;
  if (!best) return { visibility: 'ephemeral', reply: searchReply({ text: words }, deps) };
  const clear = offset === 0 && (!runnerUp || best.score - runnerUp.score >= 0.15);
  if (clear)
    return {
      visibility: 'in_channel',
      reply: eventCard(best.event, deps, { sharedBy: input.userId, actions: [] }),
    };
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'list',
      heading: `Several events match "${words.slice(0, 80)}": which one should I share?`,
      items: result.hits.map((hit) => listItem(hit, deps, 'share')),
      empty: '',
      actions: pagerActions('share', words, offset, SEARCH_PAGE, result.more),
    },
  };
}

/** Share one event by id into the conversation (the Share button and the picker). */
export function shareByIdCommand(id: string, userId: string | undefined, deps: CommandDeps): CommandResult {
  const event = deps.index.events([id.trim()])[0];
  if (!event) return goneNotice(id);
  return { visibility: 'in_channel', reply: eventCard(event, deps, { sharedBy: userId, actions: [] }) };
}
