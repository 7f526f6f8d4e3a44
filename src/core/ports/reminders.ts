import type {
  NewNotice,
  NewReminder,
  NewSubscription,
  Notice,
  Reminder,
  ReminderSpec,
  Subscription,
  Workspace,
} from '../reminders/model.js';
import type { Awaitable, DeliveryQueue, DigestSettlement } from './delivery.js';

export type AddReminderResult =
  | { ok: true; reminder: Reminder }
  | { ok: false; reason: 'cap'; active: number }
  | { ok: false; reason: 'duplicate'; existing: Reminder };

/** One-off direct messages to users, each key at most once. */
export interface NoticeOutbox extends DeliveryQueue<Notice> {
  /** Queues a notice unless one with the same key was ever queued; true when queued now. */
  add(notice: NewNotice, nowMs: number): Awaitable<boolean>;
}

/**
 * Personal reminders, and the notices sent about them, of one workspace: `add`, `active`, `cancel` and
 * `notices.add` see and write only that workspace's rows. The rest works by id across workspaces (the
 * archive follow-ups and the dispatcher's queue), and each row says which workspace it belongs to.
 */
export interface ReminderRepository {
  /** The same repository for another workspace. */
  forWorkspace(workspace: Workspace): ReminderRepository;
  /** Adds a reminder unless the user already holds `cap` active ones or the same one; atomic. */
  add(reminder: NewReminder, options: { nowMs: number; cap: number }): Awaitable<AddReminderResult>;
  /** A user's pending and sending reminders, soonest first. */
  active(userId: string): Awaitable<Reminder[]>;
  /**
   * Cancels one of the user's pending reminders. `sending` when it is being posted this moment; undefined
   * when there is no such active reminder of theirs.
   */
  cancel(id: string, userId: string, nowMs: number): Awaitable<Reminder | 'sending' | undefined>;
  /** Pending reminders of any of these events. */
  pendingForEvents(eventIds: string[]): Awaitable<Reminder[]>;
  /** Re-times a pending reminder after its event moved; false when it is no longer pending. */
  update(
    id: string,
    change: { dueMs: number; eventStartMs: number; eventTitle: string },
    nowMs: number,
  ): Awaitable<boolean>;
  /**
   * Moves one of the user's pending reminders to `dueMs` with a new rule ("Snooze"): `sending` when it
   * is being posted this moment; undefined when there is no such pending reminder of theirs.
   */
  reschedule(
    id: string,
    userId: string,
    change: { dueMs: number; spec: ReminderSpec },
    nowMs: number,
  ): Awaitable<Reminder | 'sending' | undefined>;
  /** Ends a pending reminder without sending it; false when it is no longer pending. */
  close(id: string, status: 'cancelled' | 'missed', reason: string, nowMs: number): Awaitable<boolean>;
  queue: DeliveryQueue<Reminder>;
  notices: NoticeOutbox;
}

export type AddSubscriptionResult =
  | { ok: true; subscription: Subscription; resumed: boolean }
  | { ok: false; reason: 'cap'; active: number }
  | { ok: false; reason: 'duplicate'; existing: Subscription };

/**
 * Channel digest subscriptions of one workspace (`add`, `forChannel`, `cancel` see only its rows); each
 * row is also the delivery of its next run, and the queue works across workspaces.
 */
export interface SubscriptionRepository {
  /** The same repository for another workspace. */
  forWorkspace(workspace: Workspace): SubscriptionRepository;
  /** Adds a subscription, or resumes a paused one with the same query and schedule; atomic. */
  add(
    subscription: NewSubscription,
    options: { nowMs: number; cap: number },
  ): Awaitable<AddSubscriptionResult>;
  /** A channel's active and paused subscriptions, oldest first. */
  forChannel(channelId: string): Awaitable<Subscription[]>;
  /** The active and paused subscriptions a user set up, in any channel, oldest first. */
  createdBy(userId: string): Awaitable<Subscription[]>;
  /** Ends one of the channel's subscriptions; undefined when there is no such one. */
  cancel(id: string, channelId: string, nowMs: number): Awaitable<Subscription | undefined>;
  /** Pauses one of the channel's active subscriptions on `userId`'s say; undefined when there is no such one. */
  pause(id: string, channelId: string, userId: string, nowMs: number): Awaitable<Subscription | undefined>;
  /** Resumes one of the channel's paused subscriptions from its next run `runMs`; undefined when none. */
  resume(id: string, channelId: string, runMs: number, nowMs: number): Awaitable<Subscription | undefined>;
  queue: DeliveryQueue<Subscription, DigestSettlement>;
}
