import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { unfurlCards } from '../../../core/links/unfurl.js';
import type { SlackServices } from '../../services.js';
import { renderReply } from '../../views/index.js';

/** Where an unfurl goes: a posted message, or a link still in someone's message composer. */
type UnfurlTarget =
  | { channel: string; ts: string }
  | { unfurl_id: string; source: 'composer' | 'conversations_history' };

/** The one Web API method unfurling needs, so tests can pass a plain fake. */
export interface UnfurlingClient {
  chat: {
    unfurl(args: { unfurls: Record<string, { blocks: KnownBlock[] }> } & UnfurlTarget): Promise<unknown>;
  };
}

/** The parts of Bolt's `link_shared` arguments this listener uses, so tests can pass plain fakes. */
export type LinkSharedArgs = Pick<SlackEventMiddlewareArgs<'link_shared'>, 'event'> &
  Pick<AllMiddlewareArgs, 'logger'> & { client: UnfurlingClient };

/**
 * A link to an archived event was pasted: unfurl it into the event's card with chat.unfurl. Links to
 * anything else are left alone (no chat.unfurl at all), so Slack's own preview stays. A link in the
 * message composer (`unfurl_id` + `source`) is unfurled there; otherwise on the posted message.
 */
export function linkSharedListener(services: SlackServices) {
  return async ({ event, client, logger }: LinkSharedArgs): Promise<void> => {
    const domains = services.unfurlDomains ?? [];
    if (domains.length === 0) return;
    const cards = unfurlCards(event.links, { commands: services.commands, domains });
    if (cards.size === 0) return;
    const unfurls = Object.fromEntries(
      [...cards].map(([url, reply]) => [url, { blocks: renderReply(reply).blocks }]),
    );
    const source = event.source;
    const where: UnfurlTarget =
      event.unfurl_id && (source === 'composer' || source === 'conversations_history')
        ? { unfurl_id: event.unfurl_id, source }
        : { channel: event.channel, ts: event.message_ts };
    try {
      await client.chat.unfurl({ ...where, unfurls });
    } catch (error) {
      logger.warn(`surface=unfurl links=${event.links.length} chat.unfurl failed:`, error);
    }
  };
}
