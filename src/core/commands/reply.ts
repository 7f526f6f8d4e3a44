import type { Event } from '../model.js';

/** A search hit as the views need it: the event, its score, and which fields matched (for highlighting). */
export interface Hit {
  event: Event;
  score: number;
  matched: string[];
}

/** Buttons a reply may offer; the Slack door maps them to action ids, the console to numbered choices. */
export type ReplyAction =
  | { kind: 'share'; eventId: string }
  | { kind: 'remind'; eventId: string }
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
  | { kind: 'notice'; text: string; tone: 'info' | 'warning' | 'error' };

/** A use-case's answer and who should see it: only the asker, or the whole conversation. */
export interface CommandResult {
  reply: Reply;
  visibility: 'ephemeral' | 'in_channel';
}
