import { cardActions } from '../../src/core/commands/actions.js';
import type { Hit, ListItem, Reply, ReplyAction } from '../../src/core/commands/reply.js';
import type { Event } from '../../src/core/model.js';
import { eventWhen } from '../../src/core/when-text.js';
import { RELEVANCE_NOW } from './search.js';

/** The clock the hand-built replies are read against (the relevance archive's "now"). */
export const REPLY_NOW_MS = Date.parse(RELEVANCE_NOW);

type EventReply = Extract<Reply, { kind: 'event' }>;

/** An event card as core builds it, with its own actions; `extra` overrides any part. */
export function cardReply(event: Event, extra: Partial<EventReply> = {}): EventReply {
  const when = eventWhen(event, REPLY_NOW_MS);
  return {
    kind: 'event',
    event,
    when,
    matched: [],
    more: [],
    actions: cardActions(event, when, REPLY_DEPS),
    ...extra,
  };
}

/** The clock and zone core reads the hand-built replies with. */
export const REPLY_DEPS = { clock: { now: () => new Date(REPLY_NOW_MS) }, zone: 'UTC' };

/** Listed events as core lists them, each opening its card (or shared, in the picker). */
export function listItems(hits: (Hit | Event)[], pick: 'open' | 'share' = 'open'): ListItem[] {
  return hits.map((h) => {
    const hit = 'event' in h ? h : { event: h, score: 1, matched: [] };
    return {
      ...hit,
      when: eventWhen(hit.event, REPLY_NOW_MS),
      actions: [{ kind: pick, eventId: hit.event.id }],
    };
  });
}

/** A list reply. */
export function listReply(
  heading: string,
  items: ListItem[],
  extra: Partial<Extract<Reply, { kind: 'list' }>> = {},
): Extract<Reply, { kind: 'list' }> {
  return { kind: 'list', heading, items, empty: '', actions: [], ...extra };
}

/** One theme of one event, with Open. */
export function themeDetailReply(event: Event, index: number): Extract<Reply, { kind: 'theme-detail' }> {
  return {
    kind: 'theme-detail',
    event,
    when: eventWhen(event, REPLY_NOW_MS),
    index,
    actions: [{ kind: 'open', eventId: event.id }],
  };
}

/** "No match", with suggestions as core offers them. */
export function noMatchReply(
  query: string,
  suggestions: string[],
  hint = '',
): Extract<Reply, { kind: 'no-match' }> {
  return {
    kind: 'no-match',
    query,
    hint,
    actions: suggestions.map(
      (words): ReplyAction => ({ kind: 'suggest', page: { subcommand: 'search', words, offset: 0 } }),
    ),
  };
}

/** A typed "Next results" request. */
export function nextPage(
  words: string,
  offset: number,
  subcommand: Extract<ReplyAction, { kind: 'page' }>['page']['subcommand'] = 'search',
): ReplyAction {
  return { kind: 'page', direction: 'next', page: { subcommand, words, offset } };
}

/** A page of `/event themes` as core builds it: each theme shows its events, paging after. */
export function themesReply(
  themes: { title: string; count: number; spellings?: number }[],
  extra: Partial<Extract<Reply, { kind: 'themes' }>> = {},
): Extract<Reply, { kind: 'themes' }> {
  const offset = extra.position?.offset ?? 0;
  return {
    kind: 'themes',
    heading: 'Key themes across the archive',
    themes: themes.map((t) => ({
      spellings: 1,
      ...t,
      action: { kind: 'theme', theme: t.title } satisfies ReplyAction,
    })),
    total: themes.length,
    position: { offset, shown: themes.length, total: extra.total ?? themes.length },
    actions: [],
    ...extra,
  };
}

/** Help with one section of examples, each with "Try it" when `tryable`. */
export function helpReplyOf(
  examples: { command: string; description: string }[],
  extra: { problem?: string; title?: string; tryable?: boolean } = {},
): Extract<Reply, { kind: 'help' }> {
  return {
    kind: 'help',
    ...(extra.problem ? { problem: extra.problem } : {}),
    sections: [
      {
        title: extra.title ?? 'Find events',
        examples: examples.map((e) =>
          extra.tryable
            ? {
                ...e,
                try: {
                  kind: 'try',
                  command: e.command,
                  page: { subcommand: 'search', words: e.command, offset: 0 },
                },
              }
            : e,
        ),
      },
    ],
  };
}
