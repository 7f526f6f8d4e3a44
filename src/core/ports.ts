import type { Reply } from './commands/reply.js';
import type { Event } from './model.js';
import type {
  NewNotice,
  NewReminder,
  NewSubscription,
  Notice,
  Reminder,
  Subscription,
} from './reminders/model.js';

/** A word of the archive's vocabulary and how many events use it. */
export interface TermInfo {
  term: string;
  df: number;
}

/** The indexed text columns, in the order of their weight. */
export type SearchColumn = 'title' | 'themes' | 'speakers' | 'hosts' | 'tags' | 'summary' | 'body';

/** Structured constraints that narrow a search, all optional. Times are epoch milliseconds. */
export interface EventFilters {
  fromMs?: number;
  /** Exclusive. */
  toMs?: number;
  type?: string;
}

/** One full-text constraint: every group must match (AND); a group matches when any of its words does. */
export interface TextClause {
  groups: string[][];
  /** Words that must appear together, in order. */
  phrases?: string[][];
  /** Columns the clause looks in; all columns when absent. */
  columns?: SearchColumn[];
}

/** A ranked full-text request: all clauses must hold. */
export interface MatchRequest {
  clauses: TextClause[];
  /** 'short' looks only in titles, themes, people and tags (a much smaller index); 'all' also in summaries and bodies. */
  scope?: 'short' | 'all';
  filters: EventFilters;
  limit: number;
  /**
   * For very common words: rank only the `budget` latest matches (by start) instead of all of them,
   * which keeps a one-common-word query as fast as a rare one at any archive size.
   */
  budget?: number;
}

/** The short fields of an event, all that ranking reads; far cheaper to load than the full event. */
export interface EventDigest {
  id: string;
  title: string;
  start: string;
  themes: string[];
  speakers: string[];
  hosts: string[];
  tags: string[];
  summary: string;
  series: string | undefined;
}

/** What search needs from storage. Implementations must parameterise everything the user typed. */
export interface SearchIndex {
  eventCount(): number;
  /** How many events use this exact word; 0 when the archive never does. */
  termFrequency(term: string): number;
  /** Words sharing letter trigrams with `term` and of similar length: candidates for spelling correction. */
  similarTerms(term: string, limit: number): TermInfo[];
  /** Words starting with `prefix`, most used first. */
  termsWithPrefix(prefix: string, limit: number): TermInfo[];
  /** Ids matching the request, best bm25 first (the score is higher-is-better). */
  match(request: MatchRequest): { id: string; score: number }[];
  /** The occurrence of a recurring series to show: the next from now, else the latest. */
  nextInSeries(series: string, nowMs: number): string | undefined;
  /** Ids of events within the filters, by start time, without any text. */
  browse(filters: EventFilters, order: 'asc' | 'desc', limit: number, offset: number): string[];
  /** Digests for ids, in the order given; unknown ids are left out. */
  digests(ids: string[]): EventDigest[];
  /** Full events for ids, in the order given; unknown ids are left out. */
  events(ids: string[]): Event[];
  /** Event types with counts, for `type:` filters and help. */
  types(): { type: string; count: number }[];
  /** Every theme title (case-folded together) with how many events carry it. */
  themeCounts(limit: number): { themes: { title: string; count: number }[]; total: number };
}

/** One item the reminder dispatcher holds under a claim (a lease that runs out if the holder dies). */
export interface Claim<T> {
  item: T;
  token: string;
  /** Posting attempts already made, not counting rate-limited ones. */
  attempts: number;
  /**
   * Set when an earlier attempt began posting and never recorded how it went (the process died, or the
   * request timed out): the message may be in Slack already, so it is looked for before posting again.
   */
  postingSinceMs?: number;
}

/** How much to claim: items due by `nowMs` plus claims older than the lease, at most `perKey` per recipient. */
export interface ClaimOptions {
  nowMs: number;
  limit: number;
  leaseMs: number;
  token: string;
  perKey: number;
}

/** How one claimed delivery ended, or when to try it again. */
export type Settlement =
  | { status: 'sent'; ts: string; channelId: string }
  | { status: 'failed' | 'missed' | 'cancelled'; reason: string }
  /** Try again at `atMs`. `uncertain`: the attempt may have posted. `counted: false`: a rate limit, not a try. */
  | { status: 'retry'; atMs: number; reason: string; uncertain?: boolean; counted?: boolean }
  /** Put back untouched (not attempted in this tick). */
  | { status: 'release' };

/** A digest run's end: posted, skipped as empty or too late, or given up; then the next run is scheduled. */
export type DigestSettlement =
  | { status: 'sent'; ts: string; channelId: string; nextRunMs: number }
  | { status: 'empty' | 'missed' | 'failed'; reason: string; nextRunMs: number }
  /** The channel cannot be posted to (bot removed, channel archived): no more runs until resubscribed. */
  | { status: 'paused'; reason: string }
  | Extract<Settlement, { status: 'retry' | 'release' }>;

/**
 * A table of deliveries the dispatcher works through: claim due items in one transaction, record that
 * posting begins (the delivery key is then "in doubt" until settled), and settle the outcome. Every
 * write after the claim names the claim token, so a claim that was taken over (its lease ran out) can
 * no longer change the item.
 */
export interface DeliveryQueue<T, S = Settlement> {
  claim(options: ClaimOptions): Claim<T>[];
  /** Counts an attempt and marks posting as begun; false when the claim was lost. */
  begin(id: string, token: string, nowMs: number): boolean;
  settle(id: string, token: string, nowMs: number, settlement: S): boolean;
}

export type AddReminderResult =
  | { ok: true; reminder: Reminder }
  | { ok: false; reason: 'cap'; active: number }
  | { ok: false; reason: 'duplicate'; existing: Reminder };

/** One-off direct messages to users, each key at most once. */
export interface NoticeOutbox extends DeliveryQueue<Notice> {
  /** Queues a notice unless one with the same key was ever queued; true when queued now. */
  add(notice: NewNotice, nowMs: number): boolean;
}

/** Personal reminders, and the notices sent about them. */
export interface ReminderRepository {
  /** Adds a reminder unless the user already holds `cap` active ones or the same one; atomic. */
  add(reminder: NewReminder, options: { nowMs: number; cap: number }): AddReminderResult;
  /** A user's pending and sending reminders, soonest first. */
  active(userId: string): Reminder[];
  /**
   * Cancels one of the user's pending reminders. `sending` when it is being posted this moment; undefined
   * when there is no such active reminder of theirs.
   */
  cancel(id: string, userId: string, nowMs: number): Reminder | 'sending' | undefined;
  /** Pending reminders of any of these events. */
  pendingForEvents(eventIds: string[]): Reminder[];
  /** Re-times a pending reminder after its event moved; false when it is no longer pending. */
  update(
    id: string,
    change: { dueMs: number; eventStartMs: number; eventTitle: string },
    nowMs: number,
  ): boolean;
  /** Ends a pending reminder without sending it; false when it is no longer pending. */
  close(id: string, status: 'cancelled' | 'missed', reason: string, nowMs: number): boolean;
  queue: DeliveryQueue<Reminder>;
  notices: NoticeOutbox;
}

export type AddSubscriptionResult =
  | { ok: true; subscription: Subscription; resumed: boolean }
  | { ok: false; reason: 'cap'; active: number }
  | { ok: false; reason: 'duplicate'; existing: Subscription };

/** Channel digest subscriptions; each row is also the delivery of its next run. */
export interface SubscriptionRepository {
  /** Adds a subscription, or resumes a paused one with the same query and schedule; atomic. */
  add(subscription: NewSubscription, options: { nowMs: number; cap: number }): AddSubscriptionResult;
  /** A channel's active and paused subscriptions, oldest first. */
  forChannel(channelId: string): Subscription[];
  /** Ends one of the channel's subscriptions; undefined when there is no such one. */
  cancel(id: string, channelId: string, nowMs: number): Subscription | undefined;
  queue: DeliveryQueue<Subscription, DigestSettlement>;
}

/** Who a message goes to: a user (in their DM with the bot) or a channel. */
export type Recipient = { kind: 'user'; userId: string } | { kind: 'channel'; channelId: string };

/** A message for the Notifier: a core Reply, and the delivery key it carries so it can be found again. */
export interface OutgoingMessage {
  to: Recipient;
  reply: Reply;
  key: string;
}

/**
 * Why a post failed, as the dispatcher needs to know it: `ratelimited` (try again after `retryAfterMs`),
 * `permanent` (the user is deactivated, the channel gone or archived, the bot not in it: never retried),
 * `transient` (nothing was posted; try again later) or `uncertain` (a timeout or server error after the
 * request went out: it may have been posted).
 */
export type PostError =
  | { kind: 'ratelimited'; code: string; retryAfterMs: number }
  | { kind: 'permanent' | 'transient' | 'uncertain'; code: string };

export type PostResult = { ok: true; ts: string; channelId: string } | { ok: false; error: PostError };

/** Delivers messages to people and channels: Slack's Web API, or the console. */
export interface Notifier {
  /** Resolves with the outcome; Slack errors are outcomes, not rejections. */
  post(message: OutgoingMessage): Promise<PostResult>;
  /**
   * Whether a message carrying `key` was posted to `to` since `sinceMs`. Rejects when it cannot tell.
   * A notifier without it cannot resolve a post in doubt, so the dispatcher never re-posts one.
   */
  findPosted?(
    to: Recipient,
    key: string,
    sinceMs: number,
  ): Promise<{ ts: string; channelId: string } | undefined>;
}
