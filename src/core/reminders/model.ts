/**
 * Reminders, channel digests and notices as core sees them: plain data, no storage or Slack types.
 * Each is also its own delivery record, so the dispatcher can claim, post and settle it.
 */

/**
 * The Slack workspace (and Enterprise Grid org) a piece of user state belongs to. Both are '' in the
 * single-workspace setup (one bot token, or the console).
 */
export interface Workspace {
  teamId: string;
  enterpriseId: string;
}

/** The one workspace of a single-token install or the console. */
export const DEFAULT_WORKSPACE: Workspace = Object.freeze({ teamId: '', enterpriseId: '' });

/** When a reminder fires, relative to its event ("1 day before", "at 9am on the day") or at a fixed instant. */
export type ReminderSpec =
  /** A span before the start. Days and weeks are calendar days in the reader's zone, so the clock time holds across DST. */
  | { kind: 'before'; amount: number; unit: 'minutes' | 'hours' | 'days' | 'weeks' }
  /** A clock time on the event's day, or `daysBefore` days earlier, in the reader's zone. */
  | { kind: 'on-day'; daysBefore: number; hour: number; minute: number }
  /** A fixed instant ("tomorrow 9am", "dec 3 14:00"); it stays put when the event moves. */
  | { kind: 'at'; atMs: number };

/** The card's "Remind me" choices. The Slack door's option values use the same words. */
export const REMIND_PRESETS = ['day-before', 'hour-before', 'morning-of'] as const;
export type RemindPreset = (typeof REMIND_PRESETS)[number];

/** "Snooze" on a listed reminder: an hour later, or a day later (never past the event's start). */
export const SNOOZE_PRESETS = ['hour', 'day'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

/** Where a delivery is in its life. `sending` is a claim under a lease; the rest but `pending` are final. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'missed' | 'cancelled';

/** One person's reminder of one event. */
export interface Reminder {
  id: string;
  workspace: Workspace;
  userId: string;
  eventId: string;
  /** The title and start when the reminder was set or last followed, to tell the user about it if the event goes. */
  eventTitle: string;
  eventStartMs: number;
  /** The zone the user reads times in (their Slack profile's), used for calendar-day arithmetic. */
  zone: string;
  spec: ReminderSpec;
  dueMs: number;
  status: DeliveryStatus;
  attempts: number;
  createdMs: number;
  sentTs?: string;
  lastError?: string;
}

export type NewReminder = Pick<
  Reminder,
  'userId' | 'eventId' | 'eventTitle' | 'eventStartMs' | 'zone' | 'spec' | 'dueMs'
>;

/** A digest's rhythm, in the subscription's zone. Weekdays are ISO: 1 = Monday … 7 = Sunday. */
export type DigestSchedule =
  | { cadence: 'daily'; hour: number; minute: number }
  | { cadence: 'weekly'; weekday: number; hour: number; minute: number }
  /** On day `day` (1–31) of every month; a month shorter than that gets it on its last day. */
  | { cadence: 'monthly'; day: number; hour: number; minute: number };

/** A channel's subscription to a digest of upcoming events matching `query` ('' = all). */
export interface Subscription {
  id: string;
  workspace: Workspace;
  channelId: string;
  channelName?: string;
  createdBy: string;
  query: string;
  schedule: DigestSchedule;
  zone: string;
  /** Post a digest even when nothing matches ("always"). */
  postWhenEmpty: boolean;
  /**
   * `paused` after a permanent posting error (the bot was removed, the channel archived), or by someone's
   * Pause button (then `pausedBy` says who).
   */
  state: 'active' | 'paused' | 'cancelled';
  /** Who paused it with its Pause button; absent when the dispatcher paused it after an error. */
  pausedBy?: string;
  /** The scheduled run the subscription is waiting for (or delivering). */
  runMs: number;
  attempts: number;
  lastRunMs?: number;
  lastOutcome?: string;
  lastError?: string;
  createdMs: number;
}

export type NewSubscription = Pick<
  Subscription,
  'channelId' | 'channelName' | 'createdBy' | 'query' | 'schedule' | 'zone' | 'postWhenEmpty' | 'runMs'
>;

/** A one-off direct message to a user ("your reminder was cancelled because …"). */
export interface Notice {
  id: string;
  workspace: Workspace;
  /** What the notice is about; a key is used once, so the same thing is never told twice. */
  key: string;
  userId: string;
  tone: 'info' | 'warning';
  text: string;
  status: DeliveryStatus;
  attempts: number;
  createdMs: number;
}

/** `workspace`: the one the notice is about; the repository's own when absent. */
export type NewNotice = Pick<Notice, 'key' | 'userId' | 'tone' | 'text'> & { workspace?: Workspace };

/** Most active reminders one person may hold. */
export const MAX_ACTIVE_REMINDERS = 100;
/** Most digest subscriptions one channel may hold. */
export const MAX_CHANNEL_SUBSCRIPTIONS = 20;
/** "The morning of" and date-only events' reminders fire at this local time. */
export const MORNING = { hour: 9, minute: 0 } as const;
/** The name people invite the bot by; manifest.yml's bot_user.display_name. */
export const BOT_HANDLE = 'eventbot';
