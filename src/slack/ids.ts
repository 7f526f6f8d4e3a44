import * as z from 'zod';
import { PAGED_SUBCOMMANDS, type ReplyAction } from '../core/commands/reply.js';
import { REMIND_PRESETS, SNOOZE_PRESETS } from '../core/reminders/model.js';
import { eventRef } from './event-refs.js';

/**
 * Every action_id and block_id the app uses (callback_ids join here when a modal arrives), so views and
 * listeners cannot drift apart.
 * Slack requires action_ids to be unique within one block; where one block holds several buttons of the
 * same kind (the "Did you mean" suggestions) the views append `:<index>`, see {@link indexedActionId}.
 */
export const SlackIds = {
  actions: {
    /** "Share to channel" on an event card. Value: `{"e": eventId}`. */
    share: 'event_share',
    /** "Remind me": a static_select whose option values are `{"e": eventId, "w": when}`. */
    remind: 'event_remind',
    /** "More like this" on an event card. Value: `{"e": eventId}`. */
    moreLike: 'event_more_like',
    /** "Open" on a compact match or list item. Value: `{"e": eventId}`. */
    open: 'event_open',
    /** "Next results" and "Previous". Value: `{"p": subcommand, "q": words, "o": offset}`. */
    page: 'event_page',
    /** "Did you mean" suggestion buttons, indexed. Value: `{"p": "search", "q": suggestion, "o": 0}`. */
    suggest: 'event_suggest',
    /** "Read more" on a card: opens a modal with the event in full. Value: `{"e": eventId}`. */
    readMore: 'event_read_more',
    /** "Add to calendar": answers privately with calendar links. Value: `{"e": eventId}`. */
    calendar: 'event_calendar',
    /** "Event page": a URL button; the click is acknowledged and needs no answer. */
    eventPage: 'event_page_link',
    /** "Post to #channel" on a share preview. Value: `{"e": eventId}`. */
    sharePost: 'share_post',
    /** "Add a note" on a share preview: opens the note modal. Value: `{"e": eventId}`. */
    shareNote: 'share_note',
    /** "Cancel" on a share preview. Value: `{"e": eventId}`. */
    shareCancel: 'share_cancel',
    /** "Cancel" on a listed reminder. Value: `{"r": reminderId}`. */
    cancelReminder: 'reminder_cancel',
    /** "Snooze…" on a listed reminder: a static_select whose option values are `{"r": reminderId, "s": by}`. */
    snoozeReminder: 'reminder_snooze',
    /** "Pause", "Resume" and "Stop" on a listed digest. Value: `{"d": subscriptionId}`. */
    pauseDigest: 'digest_pause',
    resumeDigest: 'digest_resume',
    stopDigest: 'digest_stop',
    /** The theme menu of `/event themes`: option values `{"p": "theme", "q": title, "o": 0}`. */
    themePick: 'themes_pick',
    /** "Try it" beside a help example. Value: `{"p": subcommand, "q": words, "o": 0}`. */
    helpTry: 'help_try',
    /** "Edit" on the card of an event added in Slack: opens the form, for editors. Value: `{"e": eventId}`. */
    edit: 'event_edit',
  },
  blocks: {
    heading: 'event_heading',
    cardTitle: 'event_card_title',
    cardActions: 'event_card_actions',
    sharedBy: 'event_shared_by',
    pager: 'event_pager',
    suggestions: 'event_suggestions',
    themeActions: 'event_theme_actions',
    shareNote: 'share_note_input',
    sharePreview: 'share_preview_actions',
  },
  views: {
    /** The "Read more" modal. */
    eventDetail: 'event_detail',
    /** The "Add a note" modal of a share; private_metadata carries the event and the preview's response_url. */
    shareNote: 'share_note_modal',
  },
  /**
   * The App Home tab and the modals. A click there has no response_url, so these are ids of their own,
   * handled by listeners/views and listeners/shortcuts, never by the card listener.
   */
  surfaces: {
    /** "Remind me" beside an upcoming event on the Home tab. Value: `{"e": eventId}`. */
    homeRemind: 'home_remind',
    /** "Cancel" beside a reminder on the Home tab. Value: `{"r": reminderId}`. */
    homeCancelReminder: 'home_cancel_reminder',
    /** "Search the archive" on the Home tab: opens the search modal. */
    homeSearch: 'home_search',
    /** The global shortcut "Search the event archive" (its callback_id, as in manifest.yml). */
    searchShortcut: 'search_archive',
    /** The message shortcut "Find events this message mentions" (its callback_id, as in manifest.yml). */
    mentionedShortcut: 'find_mentioned_events',
    /** The search modal's callback_id. */
    searchModal: 'search_modal',
    /** The global shortcut "Add an event" (its callback_id, as in manifest.yml). */
    addEventShortcut: 'add_event',
    /** The add/edit event modal's callback_id; private_metadata carries the id of an event being edited. */
    eventFormModal: 'event_form_modal',
  },
  /** The add/edit form's inputs: each block id, whose one element has the same action id. */
  eventFields: {
    title: 'event_title',
    type: 'event_type',
    start: 'event_start',
    end: 'event_end',
    timezone: 'event_timezone',
    location: 'event_location',
    url: 'event_url',
    hosts: 'event_hosts',
    speakers: 'event_speakers',
    summary: 'event_summary',
    themes: 'event_themes',
    tags: 'event_tags',
  },
  /** The search modal's inputs: each block id, whose one element has the same action id. */
  searchFields: {
    words: 'search_words',
    type: 'search_type',
    year: 'search_year',
    place: 'search_place',
    speaker: 'search_speaker',
  },
} as const;

/** Slack's cap on a button value; option values are capped lower (150), so callers pass their own `max`. */
const MAX_ACTION_VALUE = 2000;

const EventValue = z.strictObject({
  e: z.string().min(1).max(160),
  w: z.enum(REMIND_PRESETS).optional(),
});
const PageValue = z.strictObject({
  p: z.enum(PAGED_SUBCOMMANDS),
  q: z.string().max(MAX_ACTION_VALUE),
  o: z.number().int().nonnegative().max(1_000_000),
});
const ReminderValue = z.strictObject({
  r: z.string().min(1).max(200),
  s: z.enum(SNOOZE_PRESETS).optional(),
});
const DigestValue = z.strictObject({ d: z.string().min(1).max(40) });
const LinkValue = z.strictObject({ u: z.string().max(MAX_ACTION_VALUE) });
const ActionValueSchema = z.union([EventValue, PageValue, ReminderValue, DigestValue, LinkValue]);

/** What a button or option carries, as compact JSON: an event, a page of a command, or a reminder. */
export type ActionValue = z.infer<typeof ActionValueSchema>;

/**
 * Compact JSON for a button or option value, or undefined when it would not fit in `max` characters.
 * An event travels as {@link eventRef}: its id when short, else a short key, so any id fits.
 */
export function encodeActionValue(value: ActionValue, max = MAX_ACTION_VALUE): string | undefined {
  const json = JSON.stringify('e' in value ? { ...value, e: eventRef(value.e) } : value);
  return json.length <= max ? json : undefined;
}

/** The value a button or option carried, or undefined for anything malformed: values come from the network. */
export function decodeActionValue(raw: unknown): ActionValue | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_ACTION_VALUE) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = ActionValueSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** `base:index`, for the n-th button of one kind inside a single block. */
export function indexedActionId(base: string, index: number): string {
  return `${base}:${index}`;
}

/** Matches `base` and its indexed forms, for `app.action(actionIdPattern(SlackIds.actions.suggest), …)`. */
export function actionIdPattern(base: string): RegExp {
  return new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?::\\d+)?$`);
}

/** The raw value of a block action, whether it came from a button (`value`) or a select (`selected_option`). */
export function rawActionValue(action: {
  value?: unknown;
  selected_option?: { value?: unknown } | null;
}): unknown {
  return action.value ?? action.selected_option?.value;
}

/** What a core action carries in its button or option value (the "Remind me" choice is added per option). */
export function actionValue(action: ReplyAction): ActionValue {
  switch (action.kind) {
    case 'page':
    case 'suggest':
    case 'try':
      return { p: action.page.subcommand, q: action.page.words, o: action.page.offset };
    case 'theme':
      return { p: 'theme', q: action.theme, o: 0 };
    case 'cancel-reminder':
    case 'snooze-reminder':
      return { r: action.reminderId };
    case 'pause-digest':
    case 'resume-digest':
    case 'stop-digest':
      return { d: action.subscriptionId };
    case 'event-page':
      return { u: action.url.slice(0, 1900) };
    default:
      return { e: action.eventId };
  }
}

/**
 * Turns a clicked action back into the core's vocabulary: the {@link ReplyAction} the button stood for,
 * with the reminder time a "Remind me" option chose. Undefined when the id or the value is not ours.
 */
export function toReplyAction(actionId: string, raw: unknown): ReplyAction | undefined {
  const value = decodeActionValue(raw);
  if (!value) return undefined;
  const base = actionId.replace(/:\d+$/, '');
  const a = SlackIds.actions;
  if ('e' in value) {
    const eventId = value.e;
    if (base === a.share) return { kind: 'share', eventId };
    if (base === a.remind)
      return value.w ? { kind: 'remind', eventId, when: value.w } : { kind: 'remind', eventId };
    if (base === a.moreLike) return { kind: 'more-like', eventId };
    if (base === a.open) return { kind: 'open', eventId };
    if (base === a.readMore) return { kind: 'read-more', eventId };
    if (base === a.calendar) return { kind: 'calendar', eventId };
    if (base === a.sharePost) return { kind: 'share-post', eventId };
    if (base === a.shareNote) return { kind: 'share-note', eventId };
    if (base === a.shareCancel) return { kind: 'share-cancel', eventId };
    if (base === a.edit) return { kind: 'edit', eventId };
    return undefined;
  }
  if ('p' in value) {
    const page = { subcommand: value.p, words: value.q, offset: value.o };
    if (base === a.page) return { kind: 'page', page, direction: 'next' };
    if (base === a.suggest) return { kind: 'suggest', page };
    if (base === a.themePick && value.p === 'theme') return { kind: 'theme', theme: value.q };
    if (base === a.helpTry) return { kind: 'try', page, command: commandOf(page) };
    return undefined;
  }
  if ('r' in value && base === a.cancelReminder) return { kind: 'cancel-reminder', reminderId: value.r };
  if ('r' in value && base === a.snoozeReminder)
    return value.s
      ? { kind: 'snooze-reminder', reminderId: value.r, by: value.s }
      : { kind: 'snooze-reminder', reminderId: value.r };
  if ('d' in value) {
    const subscriptionId = value.d;
    if (base === a.pauseDigest) return { kind: 'pause-digest', subscriptionId };
    if (base === a.resumeDigest) return { kind: 'resume-digest', subscriptionId };
    if (base === a.stopDigest) return { kind: 'stop-digest', subscriptionId };
  }
  if ('u' in value && base === a.eventPage) return { kind: 'event-page', url: value.u };
  return undefined;
}

/** The command a help example's "Try it" stands for, as its label and logs name it. */
function commandOf(page: { subcommand: string; words: string }): string {
  return `/event ${page.subcommand === 'search' ? '' : `${page.subcommand} `}${page.words}`.trim();
}
