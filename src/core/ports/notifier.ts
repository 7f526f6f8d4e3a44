import type { Reply } from '../commands/reply.js';

/** Who a message goes to: a user (in their DM with the bot) or a channel. */
export type Recipient = ({ kind: 'user'; userId: string } | { kind: 'channel'; channelId: string }) & {
  /** Whose token posts it; the single workspace's when absent. */
  workspace?: import('../reminders/model.js').Workspace;
};

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
