import type { Reply } from '../core/commands/reply.js';
import type { Claim } from '../core/ports/delivery.js';
import type { PostError, Recipient } from '../core/ports/notifier.js';

/** Where the dispatcher reports; Bolt's logger and `console` both fit. */
export interface JobLogger {
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
}

/** What one tick did, by outcome. */
export interface TickReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  missed: number;
  cancelled: number;
  /** Digests not posted because nothing matched. */
  skipped: number;
  /** Reminders re-timed because their event moved. */
  rescheduled: number;
  /** Posts in doubt after a crash that turned out to have been delivered. */
  recovered: number;
  /** Claimed but left for a later tick (per-channel pacing). */
  released: number;
  /** A queue gave a whole batch, so more may be due: the next tick follows at once. */
  full: boolean;
}

/** A tick's report before anything happened. */
export function emptyReport(): TickReport {
  return {
    claimed: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    missed: 0,
    cancelled: 0,
    skipped: 0,
    rescheduled: 0,
    recovered: 0,
    released: 0,
    full: false,
  };
}

/** The report's outcome counters. */
export type Counter = Exclude<keyof TickReport, 'claimed' | 'full'>;
/** What to post now and until when it is worth posting, or the outcome when nothing is posted. */
export type Plan = { reply: Reply; deadlineMs: number } | { done: Counter };

/** One claimed item, whatever its queue, with the few operations the tick needs. */
export interface Delivery {
  label: string;
  claim: Claim<unknown>;
  to: Recipient;
  /** Carried by the message, so a post in doubt can be found again. */
  key: string;
  /** Per-channel pacing key: a user's DM, or a channel. */
  pace: string;
  /** Marks posting as begun (the item is in doubt from here); false when the claim was lost. */
  begin(nowMs: number): Promise<boolean>;
  /** Decides what to post now, or settles the item without posting. */
  plan(nowMs: number): Promise<Plan>;
  sent(nowMs: number, ts: string, channelId: string): Promise<void>;
  failed(nowMs: number, error: PostError, deadlineMs: number): Promise<Counter>;
  release(nowMs: number): Promise<void>;
}
