import type { GapsReport } from '../gaps/gaps.js';
import type { Event } from '../model.js';
import type { RemindPreset, SnoozePreset } from '../reminders/model.js';
import type { Hit } from '../search/search-events.js';
import type { EventWhen } from '../when-text.js';

export type { Hit };

/** The subcommands whose answers come in pages; a page button names one of them, never a command string. */
export const PAGED_SUBCOMMANDS = [
  'search',
  'share',
  'upcoming',
  'theme',
  'speaker',
  'host',
  'reminders',
  'themes',
  'subscriptions',
  'series',
] as const;
export type PagedSubcommand = (typeof PAGED_SUBCOMMANDS)[number];

/** A page of a listing, asked for by a button: which subcommand, the words it was given, where to start. */
export interface PageRequest {
  subcommand: PagedSubcommand;
  words: string;
  offset: number;
}

/**
 * What a reply lets its reader do, decided by the use-case. The Slack door maps each to a button or a
 * menu, the console to a numbered choice; neither adds or drops one.
 */
export type ReplyAction =
  | { kind: 'open'; eventId: string }
  | { kind: 'share'; eventId: string }
  /**
   * "Remind me". Offered with `choices` (the times still worth offering); a click comes back with the
   * one chosen in `when` (absent: the default, 1 day before).
   */
  | { kind: 'remind'; eventId: string; choices?: readonly RemindPreset[]; when?: RemindPreset }
  | { kind: 'more-like'; eventId: string }
  /** The full summary and every theme (a modal in Slack). */
  | { kind: 'read-more'; eventId: string }
  /** Google, Outlook and .ics links for an upcoming event, answered privately. */
  | { kind: 'calendar'; eventId: string }
  /** A link to the event's own page (a URL button: the click needs no answer). */
  | { kind: 'event-page'; url: string }
  /** Post the previewed share into the conversation, with the sharer's note if they added one. */
  | { kind: 'share-post'; eventId: string; note?: string }
  /** Ask for a note to go with the share (a modal in Slack). */
  | { kind: 'share-note'; eventId: string }
  /** Drop the share preview. */
  | { kind: 'share-cancel'; eventId: string }
  | { kind: 'cancel-reminder'; reminderId: string }
  /**
   * "Snooze" on a listed reminder, offered with the `choices` that stay before the event; a click comes
   * back with the one chosen in `by`.
   */
  | { kind: 'snooze-reminder'; reminderId: string; choices?: readonly SnoozePreset[]; by?: SnoozePreset }
  /** Pause, Resume and Stop on a listed digest (Pause and Stop: its creator or a workspace admin). */
  | { kind: 'pause-digest'; subscriptionId: string }
  | { kind: 'resume-digest'; subscriptionId: string }
  | { kind: 'stop-digest'; subscriptionId: string }
  /** Edit an event added in Slack (a form in Slack, for editors; the console cannot). */
  | { kind: 'edit'; eventId: string }
  | { kind: 'page'; page: PageRequest; direction: 'next' | 'previous' }
  /**
   * A "Did you mean" suggestion or a picker's choice: runs `page` (a first page of a search, or of a
   * speaker's events). `label` is what the button says when it is not the words themselves.
   */
  | { kind: 'suggest'; page: PageRequest; label?: string }
  /** A theme picked from `/event themes`: the events of that theme (`/event theme <name>`). */
  | { kind: 'theme'; theme: string }
  /** "Try it" beside a help example: runs `page`, the example `command` as typed data. */
  | { kind: 'try'; page: PageRequest; command: string };

/** An event in a listing, how its time reads, and what can be done with it (Open, or Share in a picker). */
export interface ListItem extends Hit {
  when: EventWhen;
  actions: ReplyAction[];
  /** Why it is listed, when that is not obvious: "Shares speaker: Kersti Kaljulaid · tag: peacekeeping". */
  why?: string;
  /** For an occurrence of a recurring series, how it repeats: "every Monday · next 7 Dec". */
  repeats?: string;
  /** For an upcoming event in a digest: "Before this: 3 past events on Sahel mediation". */
  related?: string;
}

/** Where a page sits in its listing: "6–10", and the total when the search knows it. */
export interface PagePosition {
  offset: number;
  shown: number;
  total?: number;
}

/**
 * What a use-case answers: plain data, no Slack types. Every door (Slack, console, CLI) renders the
 * same Reply, so behaviour is decided once, here in core.
 */
export type Reply =
  /** One event, with up to a few more compact matches after it. */
  | EventCardReply
  /** A compact list: upcoming events, a theme's or a speaker's events, the share picker. */
  | {
      kind: 'list';
      heading: string;
      items: ListItem[];
      empty: string;
      /** Paging. */
      actions: ReplyAction[];
      position?: PagePosition;
    }
  /**
   * Several people share the words asked for (a surname): each with their latest role and how many
   * events they are on; each `action` lists that person's events.
   */
  | {
      kind: 'people';
      heading: string;
      people: { name: string; role?: string; count: number; action: ReplyAction }[];
      /** A line after the choices, e.g. that more people matched than are shown. */
      note?: string;
    }
  /** One event in full: every speaker, the whole summary, every theme with its text ("Read more"). */
  | { kind: 'event-detail'; event: Event; when: EventWhen; actions: ReplyAction[] }
  /** Links that put an event in the reader's calendar. */
  | {
      kind: 'calendar';
      event: Event;
      when: EventWhen;
      links: { google: string; outlook: string; ics?: string };
    }
  /**
   * What a share would post, shown only to the sharer first: "Post to #channel · Add a note · Cancel".
   * `card` is the message as it would appear in the channel.
   */
  | {
      kind: 'share-preview';
      card: EventCardReply;
      channelName?: string;
      actions: ReplyAction[];
    }
  /** The message the click came from has done its job: remove it (a cancelled share preview). */
  | { kind: 'dismiss' }
  /**
   * A page of the archive's themes, near-duplicate spellings counted together, most discussed first;
   * each theme's action shows its events. `total` counts the merged themes; `actions` are paging.
   */
  | {
      kind: 'themes';
      heading: string;
      themes: ThemeItem[];
      total: number;
      position: PagePosition;
      actions: ReplyAction[];
    }
  /** One theme of one event, in detail. */
  | { kind: 'theme-detail'; event: Event; when: EventWhen; index: number; actions: ReplyAction[] }
  /** Nothing relevant: said honestly, with suggestions (as actions) from the archive's own vocabulary. */
  | { kind: 'no-match'; query: string; hint: string; actions: ReplyAction[] }
  /** How to use the command, in sections, with examples taken from this archive (each with "Try it"). */
  | { kind: 'help'; sections: HelpSection[]; problem?: string }
  /** A short notice: a confirmation, or what to type instead. */
  | { kind: 'notice'; text: string; tone: 'info' | 'warning' | 'error' }
  /** A reminder was set: which event, when it fires (in the user's zone), and how to undo it. */
  | {
      kind: 'reminder-set';
      reminderId: string;
      event: Event;
      when: EventWhen;
      dueMs: number;
      /** The due time in the user's zone: "Sunday, 14 March 2027 at 09:00 EDT". */
      dueText: string;
      /** The rule in words, "1 day before"; absent for a fixed time. */
      label?: string;
      /** A line before the confirmation, e.g. that the reminder already existed. */
      note?: string;
      actions: ReplyAction[];
    }
  /** The user's active reminders, soonest first, each with its actions (Cancel). */
  | {
      kind: 'reminders';
      heading: string;
      items: ReminderItem[];
      empty: string;
      /** A line above the list, e.g. what was just cancelled. */
      note?: string;
      /** Paging. */
      actions: ReplyAction[];
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
      /** "Before this: 3 past events on Sahel mediation", when past events share its themes, tags or speakers. */
      related?: string;
    }
  /**
   * The short note everyone in a channel sees when someone sets up a digest there: who, what, how
   * often, and when the first one comes.
   */
  | {
      kind: 'digest-set-up';
      createdBy: string;
      what: string;
      schedule: string;
      firstText: string;
      resumed: boolean;
    }
  /** Someone who may not pause or stop a digest is told who can. */
  | { kind: 'digest-denied'; verb: 'pause' | 'stop'; what: string; createdBy: string }
  /** A channel's digest subscriptions. */
  | { kind: 'subscriptions'; heading: string; items: SubscriptionItem[]; empty: string; note?: string }
  /** The keepers' report: searches that found nothing, records missing fields, likely duplicates. */
  | { kind: 'gaps'; report: GapsReport }
  /** A digest of upcoming events for a channel, soonest first. */
  | {
      kind: 'digest';
      heading: string;
      items: ListItem[];
      empty: string;
      footer: string;
      /** What the digest offers beside each event's Open: the dates of a recurring series. */
      actions?: ReplyAction[];
    };

/** An event card: the best match (or an opened or shared event), a few more matches, and its actions. */
export interface EventCardReply {
  kind: 'event';
  event: Event;
  when: EventWhen;
  matched: string[];
  /** The best match's relevance, 0..1, when it came from a search. */
  score?: number;
  /** A line above the card, such as `Showing results for "peacekeeping" (you typed peacekeepng)`. */
  heading?: string;
  more: ListItem[];
  /** The card's own actions, then paging. */
  actions: ReplyAction[];
  /** Set when the card is posted into a channel on someone's behalf: "@someone shared an event". */
  sharedBy?: string;
  /** What the sharer wrote with it. */
  note?: string;
  /** An upcoming event's past context, one line: "Before this: 3 past events on Sahel mediation". */
  related?: string;
  /** The Slack user who added the event in Slack; absent for events from the archive files. */
  addedBy?: string;
  position?: PagePosition;
}

/** One theme of `/event themes`. */
export interface ThemeItem {
  title: string;
  /** Events that carry it, all its spellings together. */
  count: number;
  /** How many spellings were counted together (1 when it is written one way). */
  spellings: number;
  /** Shows its events. */
  action: ReplyAction;
}

/** One part of the help: a topic ("Find events") and its examples. */
export interface HelpSection {
  title: string;
  examples: HelpExample[];
}

/** A command to type, what it does, and (for those a click can run) the action that runs it. */
export interface HelpExample {
  command: string;
  description: string;
  try?: ReplyAction;
}

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
  /** When the event itself is, when it is still in the archive. */
  eventWhen?: EventWhen;
  actions: ReplyAction[];
}

/** One line of `/event subscriptions`. */
export interface SubscriptionItem {
  subscriptionId: string;
  /** 1-based, as `/event unsubscribe <n>` takes it. */
  position: number;
  /** Who set it up. */
  createdBy: string;
  /** What the digest matches, in words: `"peacekeeping"` or `all upcoming events`. */
  what: string;
  /** "every Monday at 09:00 (Europe/Berlin)" */
  schedule: string;
  nextRunText: string;
  /** Why it is paused, when it is. */
  paused?: string;
  /** Pause or Resume, and Stop. */
  actions: ReplyAction[];
}

/** A use-case's answer and who should see it: only the asker, or the whole conversation. */
export interface CommandResult {
  reply: Reply;
  visibility: 'ephemeral' | 'in_channel';
  /** A short note for everyone in the conversation besides the answer (a digest was set up here). */
  announce?: Reply;
}
