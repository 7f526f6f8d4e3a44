import type { Logger } from '@slack/bolt';
import { webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Notifier, PostError, PostResult, Recipient } from '../core/ports/notifier.js';
import type { Workspace } from '../core/reminders/model.js';
import { isValidTimeZone } from '../core/time.js';
import type { UserInfo } from './user-info.js';
import { renderReply } from './views/index.js';

/** The metadata event type every delivered message carries, with the delivery key as its payload. */
export const DELIVERY_EVENT = 'event_bot_delivery';

type Metadata = { event_type?: string; event_payload?: Record<string, unknown> };

/** The Web API methods the notifier calls; a Bolt `app.client` or any `WebClient` fits. */
export interface NotifierClient {
  conversations: {
    open(args: { users: string }): Promise<{ channel?: { id?: string } }>;
    history(args: {
      channel: string;
      oldest: string;
      inclusive: boolean;
      include_all_metadata: boolean;
      limit: number;
      cursor?: string;
    }): Promise<{
      messages?: { ts?: string; metadata?: Metadata }[];
      has_more?: boolean;
      response_metadata?: { next_cursor?: string };
    }>;
  };
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: KnownBlock[];
      metadata: { event_type: string; event_payload: { key: string } };
      unfurl_links: boolean;
      unfurl_media: boolean;
    }): Promise<{ ts?: string; channel?: string }>;
  };
}

/** The Web API client to use for a workspace: the one client, or (OAuth) one per installation's token. */
export type ClientFor<C> = (workspace: Workspace | undefined) => Promise<C>;

/** A fixed client as a {@link ClientFor}. */
function clientForOf<C extends object>(client: C | ClientFor<C>): ClientFor<C> {
  return typeof client === 'function' ? client : async () => client;
}

export interface SlackNotifierOptions {
  logger?: Pick<Logger, 'warn' | 'debug'>;
  /** DM channel ids remembered, so a user's DM is opened once, not per message. */
  dmCacheSize?: number;
  /** Pages of channel history searched for a post in doubt. */
  historyPages?: number;
}

/**
 * The Notifier over Slack's Web API. A user's reminder goes to their DM with the bot (conversations.open,
 * then chat.postMessage); a digest to its channel. Every message carries its delivery key in message
 * metadata, so `findPosted` can tell, through conversations.history, whether a post in doubt arrived
 * (that needs the im:history, channels:history and groups:history scopes; without them the lookup fails
 * and the dispatcher does not post again). Slack errors become outcomes, see {@link classifySlackError}.
 * Use a client from {@link createNotifierClient}, which leaves retries and rate limits to the dispatcher.
 */
export function createSlackNotifier(
  clients: NotifierClient | ClientFor<NotifierClient>,
  options: SlackNotifierOptions = {},
): Notifier {
  const clientFor = clientForOf(clients);
  const dms = new Map<string, string>();
  const cacheSize = options.dmCacheSize ?? 10_000;
  const historyPages = options.historyPages ?? 5;

  const dmKey = (to: Extract<Recipient, { kind: 'user' }>) => `${to.workspace?.teamId ?? ''}:${to.userId}`;

  async function channelOf(client: NotifierClient, to: Recipient): Promise<string> {
    if (to.kind === 'channel') return to.channelId;
    const cached = dms.get(dmKey(to));
    if (cached) return cached;
    const opened = await client.conversations.open({ users: to.userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open answered without a channel id');
    if (dms.size >= cacheSize) dms.delete(dms.keys().next().value as string);
    dms.set(dmKey(to), id);
    return id;
  }

  return {
    async post(message): Promise<PostResult> {
      let channel: string;
      let client: NotifierClient;
      try {
        client = await clientFor(message.to.workspace);
        channel = await channelOf(client, message.to);
      } catch (error) {
        // Nothing was posted yet, so an unclear answer from conversations.open is safe to retry.
        const classified = classifySlackError(error);
        options.logger?.warn(`conversations.open failed: ${classified.code}`);
        return {
          ok: false,
          error: classified.kind === 'uncertain' ? { ...classified, kind: 'transient' } : classified,
        };
      }
      const { text, blocks } = renderReply(message.reply);
      try {
        const result = await client.chat.postMessage({
          channel,
          text,
          blocks,
          metadata: { event_type: DELIVERY_EVENT, event_payload: { key: message.key } },
          unfurl_links: false,
          unfurl_media: false,
        });
        return { ok: true, ts: result.ts ?? '', channelId: result.channel ?? channel };
      } catch (error) {
        const classified = classifySlackError(error);
        // A cached DM that Slack no longer knows is opened afresh next time.
        if (message.to.kind === 'user' && classified.kind === 'permanent') dms.delete(dmKey(message.to));
        return { ok: false, error: classified };
      }
    },

    async findPosted(to, key, sinceMs) {
      const client = await clientFor(to.workspace);
      const channel = await channelOf(client, to);
      let cursor: string | undefined;
      for (let page = 0; page < historyPages; page++) {
        const result = await client.conversations.history({
          channel,
          oldest: (Math.max(0, sinceMs) / 1000).toFixed(6),
          inclusive: true,
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        const found = result.messages?.find(
          (m) => m.metadata?.event_type === DELIVERY_EVENT && m.metadata.event_payload?.key === key,
        );
        if (found?.ts) return { ts: found.ts, channelId: channel };
        cursor = result.response_metadata?.next_cursor;
        if (!result.has_more || !cursor) return undefined;
      }
      throw new Error(`more than ${historyPages} pages of history since the post; cannot tell`);
    },
  };
}

/**
 * Slack errors that mean this recipient cannot get this message, now or later: the user is deactivated
 * or gone, the channel is gone or archived, the bot is not in it, or the message itself is refused.
 */
const PERMANENT = new Set([
  'account_inactive',
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'user_not_visible',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'msg_too_long',
  'no_text',
  'invalid_arguments',
]);

/** Slack's "it may or may not have happened" answers: the request got there. */
const IN_DOUBT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Network failures that happen before a request is sent: nothing can have been posted. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Seconds Slack asks us to wait on a `ratelimited` answer that carries no Retry-After. */
const DEFAULT_RETRY_AFTER_S = 30;

/**
 * Maps a Web API client error to what the dispatcher needs: `ratelimited` with Retry-After (a client
 * made with `rejectRateLimitedCalls` throws these instead of waiting), `permanent`, `transient`, or
 * `uncertain` (timeouts, 5xx and Slack's internal errors after the request went out).
 */
export function classifySlackError(error: unknown): PostError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    original?: { code?: string; cause?: { code?: string } };
  };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return {
        kind: 'ratelimited',
        code: 'ratelimited',
        retryAfterMs: (e.retryAfter ?? DEFAULT_RETRY_AFTER_S) * 1000,
      };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited')
        return { kind: 'ratelimited', code, retryAfterMs: DEFAULT_RETRY_AFTER_S * 1000 };
      if (PERMANENT.has(code)) return { kind: 'permanent', code };
      if (IN_DOUBT.has(code)) return { kind: 'uncertain', code };
      return { kind: 'transient', code };
    }
    case webApi.ErrorCode.HTTPError:
      return {
        kind: (e.statusCode ?? 0) >= 500 ? 'uncertain' : 'transient',
        code: `http_${e.statusCode ?? 0}`,
      };
    case webApi.ErrorCode.RequestError: {
      const cause = e.original?.code ?? e.original?.cause?.code;
      return cause && NOT_SENT.has(cause)
        ? { kind: 'transient', code: cause }
        : { kind: 'uncertain', code: cause ?? 'request_error' };
    }
    default:
      return { kind: 'uncertain', code: 'unexpected_error' };
  }
}

/**
 * A WebClient for the notifier: no automatic retries and rate limits thrown rather than waited out, so
 * the dispatcher decides (a client retry of chat.postMessage after a timeout could post twice), and a
 * request timeout well under the dispatcher's lease.
 */
export function createNotifierClient(
  token: string,
  options: { slackApiUrl?: string; logger?: Logger; timeoutMs?: number } = {},
): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 10_000,
  });
}

export interface UserZoneOptions {
  /** The configured zone, for users without one (or when Slack cannot be asked). */
  fallbackZone: string;
  /** How old a users.info answer may be for its zone; people travel. Default 1 hour. */
  ttlMs?: number;
  logger?: Pick<Logger, 'warn'>;
  /**
   * Longest wait for Slack's answer before the fallback is used, so a command still answers well within
   * 3 seconds when users.info is slow or failing (its own retries may take longer). Default 1500 ms.
   */
  deadlineMs?: number;
}

/**
 * `lookupUserZone(userId)`: the user's Slack profile `tz` (users.info through the shared cache), else
 * the fallback. Never rejects: a reminder in the configured zone beats no reminder.
 */
export function createUserZoneLookup(userInfo: UserInfo, options: UserZoneOptions): UserZoneLookup {
  const ttl = options.ttlMs ?? 60 * 60_000;
  const deadlineMs = options.deadlineMs ?? 1500;
  /** Users whose last lookup could not ask Slack, so the door can say which zone it used instead. */
  const unreachable = new Set<string>();
  const keyOf = (userId: string, workspace?: Workspace) => `${workspace?.teamId ?? ''}:${userId}`;
  const lookup = async (userId: string, workspace?: Workspace): Promise<string> => {
    const key = keyOf(userId, workspace);
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
        timer.unref?.();
      });
      const tz = (await Promise.race([userInfo(userId, workspace, ttl), deadline]))?.tz;
      unreachable.delete(key);
      return tz && isValidTimeZone(tz) ? tz : options.fallbackZone;
    } catch (error) {
      if (unreachable.size >= 10_000) unreachable.clear();
      unreachable.add(key);
      const why =
        error instanceof Error && /^no answer within/.test(error.message)
          ? error.message
          : classifySlackError(error).code;
      options.logger?.warn(`users.info failed for ${userId}; using ${options.fallbackZone}:`, why);
      return options.fallbackZone;
    } finally {
      clearTimeout(timer);
    }
  };
  return Object.assign(lookup, {
    fellBack: (userId: string, workspace?: Workspace) => unreachable.has(keyOf(userId, workspace)),
  });
}

/** A user's zone from Slack (see {@link createUserZoneLookup}). */
export interface UserZoneLookup {
  (userId: string, workspace?: Workspace): Promise<string>;
  /** True when this user's last lookup could not reach Slack, so the configured zone was used. */
  fellBack(userId: string, workspace?: Workspace): boolean;
}
