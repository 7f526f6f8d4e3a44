import type { Event } from '../model.js';
import { calendarLinks } from '../reminders/calendar.js';
import { slugify } from '../text.js';
import { cardActions, listItem, pagerActions, sharedCardActions, whenOf } from './actions.js';
import { type CommandDeps, type CommandInput, LIST_PAGE } from './deps.js';
import { goneNotice, notice } from './notice.js';
import { pastEventsLine, relatedEvents } from './related.js';
import type { CommandResult, EventCardReply, Reply } from './reply.js';
import { runSearch, SEARCH_PAGE, searchReply } from './search-command.js';

/** A card for one event, with the actions core offers on it for its tense. */
function eventCard(event: Event, deps: CommandDeps, extra: Partial<EventCardReply> = {}): EventCardReply {
  const when = whenOf(event, deps);
  const related = when.upcoming ? pastEventsLine(event, deps) : undefined;
  const addedBy = deps.added?.addedBy(event.id);
  return {
    ...(addedBy ? { addedBy } : {}),
    kind: 'event',
    event,
    when,
    matched: [],
    more: [],
    actions: cardActions(event, when, deps),
    ...(related ? { related } : {}),
    ...extra,
  };
}

/** Open one event's card by id (the Open buttons and numbered console choices). */
export function openCommand(id: string, deps: CommandDeps): CommandResult {
  const event = find(id, deps);
  if (!event) return goneNotice(id);
  return { visibility: 'ephemeral', reply: eventCard(event, deps) };
}

/** "Read more": the event in full, every speaker, the whole summary and every theme with its text. */
export function readMoreCommand(id: string, deps: CommandDeps): CommandResult {
  const event = find(id, deps);
  if (!event) return goneNotice(id);
  const when = whenOf(event, deps);
  const actions = cardActions(event, when, deps).filter((a) => a.kind !== 'read-more');
  return { visibility: 'ephemeral', reply: { kind: 'event-detail', event, when, actions } };
}

/** "Add to calendar": Google and Outlook links, and the .ics file when the bot has a public address. */
export function calendarCommand(id: string, deps: CommandDeps): CommandResult {
  const event = find(id, deps);
  if (!event) return goneNotice(id);
  const when = whenOf(event, deps);
  if (!when.upcoming)
    return notice(
      'info',
      `“${event.title}” took place on ${when.text}; there is nothing to add to a calendar.`,
    );
  const ics = deps.publicBaseUrl ? calendarFileUrl(deps.publicBaseUrl, event) : undefined;
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'calendar',
      event,
      when,
      links: { ...calendarLinks(event, deps.zone), ...(ics ? { ics } : {}) },
    },
  };
}

/** Where the HTTP door serves an event's .ics file: `<base>/calendar/<id>/<slug>.ics`. */
export function calendarFileUrl(base: string, event: Event): string {
  const root = base.replace(/\/+$/, '');
  return `${root}/calendar/${encodeURIComponent(event.id)}/${slugify(event.title).slice(0, 60) || 'event'}.ics`;
}

/** "More like this": events sharing this one's themes, tags or speakers, each saying why. */
export function moreLikeCommand(id: string, deps: CommandDeps): CommandResult {
  const event = find(id, deps);
  if (!event) return goneNotice(id);
  const related = relatedEvents(event, deps, LIST_PAGE);
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'list',
      heading: `More like "${event.title}"`,
      items: related.map(({ hit, why }) => ({ ...listItem(hit, deps), why })),
      empty: 'No other event shares its themes, tags or speakers.',
      actions: [],
    },
  };
}

/**
 * `/event share <query>`: a preview of the best match when it is clearly best (posting is one more
 * click), otherwise a picker. A later page (from the picker's Next) is always a picker.
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
  if (clear) return sharePreview(best.event, input, deps);
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

/** The Share button and the picker: a private preview first, "Post to #channel · Add a note · Cancel". */
export function shareByIdCommand(
  id: string,
  input: Pick<CommandInput, 'userId' | 'channelName'>,
  deps: CommandDeps,
): CommandResult {
  const event = find(id, deps);
  if (!event) return goneNotice(id);
  return sharePreview(event, input, deps);
}

function sharePreview(
  event: Event,
  input: Pick<CommandInput, 'userId' | 'channelName'>,
  deps: CommandDeps,
  note?: string,
): CommandResult {
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'share-preview',
      card: sharedCard(event, input.userId, deps, note),
      channelName: input.channelName,
      actions: [
        { kind: 'share-post', eventId: event.id, ...(note ? { note } : {}) },
        { kind: 'share-note', eventId: event.id },
        { kind: 'share-cancel', eventId: event.id },
      ],
    },
  };
}

/** Longest note a sharer can add; the modal's input says the same. */
export const MAX_SHARE_NOTE = 300;

/** "Post to #channel": the shared card, with who shared it and their note, into the conversation. */
export function sharePostCommand(
  id: string,
  note: string | undefined,
  userId: string | undefined,
  deps: CommandDeps,
): CommandResult {
  const event = find(id, deps);
  if (!event) return goneNotice(id);
  const text = note?.replace(/\s+/g, ' ').trim().slice(0, MAX_SHARE_NOTE) || undefined;
  return { visibility: 'in_channel', reply: sharedCard(event, userId, deps, text) };
}

function sharedCard(
  event: Event,
  userId: string | undefined,
  deps: CommandDeps,
  note?: string,
): EventCardReply {
  const when = whenOf(event, deps);
  return eventCard(event, deps, {
    sharedBy: userId ?? '',
    ...(note ? { note } : {}),
    actions: sharedCardActions(event, when, deps),
  });
}

/** "Cancel" on a share preview: the preview goes, nothing is posted. */
export function shareCancelCommand(): CommandResult {
  return { visibility: 'ephemeral', reply: { kind: 'dismiss' } satisfies Reply };
}

function find(id: string, deps: CommandDeps): Event | undefined {
  return deps.index.events([id.trim()])[0];
}
