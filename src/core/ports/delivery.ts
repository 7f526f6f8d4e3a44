/** A value now (the embedded SQLite store) or later (PostgreSQL): callers always await it. */
export type Awaitable<T> = T | Promise<T>;

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
  claim(options: ClaimOptions): Awaitable<Claim<T>[]>;
  /** Counts an attempt and marks posting as begun; false when the claim was lost. */
  begin(id: string, token: string, nowMs: number): Awaitable<boolean>;
  settle(id: string, token: string, nowMs: number, settlement: S): Awaitable<boolean>;
}

/** What the dispatcher's queues hold right now: due and unclaimed, and claimed by some replica. */
export interface Backlog {
  due: number;
  claimed: number;
}

/** The dispatcher's view across its three queues, for metrics and for a clean stop. */
export interface DispatcherLeases {
  /** Items due by `nowMs` and not claimed, and items claimed (by any replica, lease live or not). */
  backlog(nowMs: number): Awaitable<Backlog>;
  /**
   * Gives back every claim whose token starts with `tokenPrefix` and whose post has not begun, so
   * another replica claims it at once instead of after the lease. Claims whose post began are left to
   * the lease: the message may be in Slack, and the next claimer looks for it first. Returns how many.
   */
  releaseClaims(tokenPrefix: string, nowMs: number): Awaitable<number>;
}
