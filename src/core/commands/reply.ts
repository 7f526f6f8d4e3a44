import type { Event } from '../model.js';
import type { RemindPreset } from '../reminders/model.js';
import type { Hit } from '../search/search-events.js';

export type { Hit };

/** Buttons a reply may offer; the Slack door maps them to action ids, the console to numbered choices. */
export type ReplyAction =
  | { kind: 'share'; eventId: string }
  /** "Remind me", with the card's choice of when (absent: the default, 1 day before). */
  | { kind: 'remind'; eventId: string; when?: RemindPreset }
  /** "Cancel" on a listed reminder. */
  | { kind: 'cancel-reminder'; reminderId: string }
  | { kind: 'more-like'; eventId: string }
  | { kind: 'open'; eventId: string }
  | { kind: 'page'; command: string; offset: number };

/**
 * What a use-case answers: plain data, no Slack types. Every door (Slack, console, CLI) renders the
 * same Reply, so behaviour is decided once, here in core.
 */
export type Reply =
  /** One event in full, with up to four more compact matches after it. */
  | {
      kind: 'event';
      event: Event;
      matched: string[];
      /** The best match's relevance, 0..1, when it came from a search. */
      score?: number;
      /** A line above the card, such as `Results for "peacekeepng finland"` or `Did you mean …`. */
      heading?: string;
      more: Hit[];
      /** Offset of the next page of matches for `command`, when there is one. */
      next?: { command: string; offset: number };
      /** Set when the card is posted into a channel on someone's behalf: "Shared by …". */
      sharedBy?: string;
    }
  /** A compact list: upcoming events, a theme's or a speaker's events. */
  | {
      kind: 'list';
      heading: string;
      items: Hit[];
      empty: string;
      next?: { command: string; offset: number };
      /** What picking an item does: open its card (default), or share it (the `/event share` picker). */
      pick?: 'open' | 'share';
    }
  /** All themes with how many events carry each. */
  | { kind: 'themes'; heading: string; themes: { title: string; count: number }[]; total: number }
  /** One theme of one event, in detail. */
  | { kind: 'theme-detail'; event: Event; index: number }
  /** Nothing relevant: said honestly, with suggestions from the archive's own vocabulary. */
  | { kind: 'no-match'; query: string; suggestions: string[]; hint: string }
  /** How to use the command, with examples that work on this archive. */
  | { kind: 'help'; examples: { command: string; description: string }[]; problem?: string }
  /** A short notice: a confirmation, or what to type instead. */
  | { kind: 'notice'; text: string; tone: 'info' | 'warning' | 'error' }
  /** A reminder was set: which event, when it fires (in the user's zone), and how to undo it. */
  | {
      kind: 'reminder-set';
      reminderId: string;
      event: Event;
      dueMs: number;
      /** The due time in the user's zone: "Sunday, 14 March 2027 at 09:00 EDT". */
      dueText: string;
      /** The rule in words, "1 day before"; absent for a fixed time. */
      label?: string;
      /** A line before the confirmation, e.g. that the reminder already existed. */
      note?: string;
    }
  /** The user's active reminders, soonest first, each with a Cancel button. */
  | {
      kind: 'reminders';
      heading: string;
      items: ReminderItem[];
      empty: string;
      /** A line above the list, e.g. what was just cancelled. */
      note?: string;
    }
  /** A reminder arriving: the event card, how soon it starts, and links to add it to a calendar. */
  | {
      kind: 'reminder-due';
      event: Event;
      startMs: number;
      /** "in 23 hours" */
      startsIn: string;
      /** The start in the user's zone, for plain-text fallbacks. */
      startText: string;
      calendar: { google: string; outlook: string; ics?: string };
      /** True when it arrives later than set, because the bot was offline at the time. */
      late: boolean;
    }
  /** A channel's digest subscriptions. */
  | { kind: 'subscriptions'; heading: string; items: SubscriptionItem[]; empty: string; note?: string }
  /** A digest of upcoming events for a channel, soonest first. */
  | { kind: 'digest'; heading: string; items: Hit[]; empty: string; footer: string };

/** One line of `/event reminders`. */
export interface ReminderItem {
  reminderId: string;
  /** 1-based, as `/event remind cancel <n>` takes it. */
  position: number;
  eventId: string;
  title: string;
  dueMs: number;
  dueText: string;
  label?: string;
  /** Being posted this moment, so it can no longer be cancelled. */
  sending: boolean;
}

/** One line of `/event subscriptions`. */
export interface SubscriptionItem {
  /** 1-based, as `/event unsubscribe <n>` takes it. */
  position: number;
  /** What the digest matches, in words: `"peacekeeping"` or `all upcoming events`. */
  what: string;
  /** "every Monday at 09:00 (Europe/Berlin)" */
  schedule: string;
  nextRunText: string;
  /** Why it is paused, when it is. */
  paused?: string;
}

/** A use-case's answer and who should see it: only the asker, or the whole conversation. */
export interface CommandResult {
  reply: Reply;
  visibility: 'ephemeral' | 'in_channel';
}
