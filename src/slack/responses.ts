import type { KnownBlock } from '@slack/types';
import type { CommandResult } from '../core/commands/reply.js';
import { renderReply } from './views/index.js';

/** A message posted to a response_url: the fields Bolt's `respond()` sends as JSON. */
export interface ResponseMessage {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: KnownBlock[];
  replace_original?: boolean;
}

/** Removes the message whose button was clicked; only a response_url can do this to an ephemeral message. */
export interface DeleteOriginal {
  delete_original: true;
}

export const EXPIRED_BUTTON = 'That button has expired; run /event again.';

/** What `/event …` answers through the response_url: the rendered reply, to the asker or to the conversation. */
export function commandResponse(result: CommandResult): ResponseMessage {
  return { response_type: result.visibility, ...renderReply(result.reply) };
}

/**
 * What a button click answers, in the order to post it.
 *
 * - A share (`in_channel`): the shared card as a new message (`replace_original: false`), then
 *   `delete_original` to remove the ephemeral card the click came from. Slack cannot turn an ephemeral
 *   message into a channel message by replacing it, and one response_url POST either posts/replaces or
 *   deletes, never both; so it takes two POSTs to the same response_url (which accepts up to five
 *   within 30 minutes). Posting first means a failed share leaves the user's card where it was.
 * - A notice or a reminder confirmation: a new ephemeral message, so the card stays to act on.
 * - Anything else (Open, More like this, Next results, a suggestion): replaces the ephemeral card.
 */
export function actionResponses(result: CommandResult): (ResponseMessage | DeleteOriginal)[] {
  const message = renderReply(result.reply);
  if (result.visibility === 'in_channel') {
    return [{ response_type: 'in_channel', replace_original: false, ...message }, { delete_original: true }];
  }
  const keepsCard = result.reply.kind === 'notice' || result.reply.kind === 'reminder-set';
  return [{ response_type: 'ephemeral', replace_original: !keepsCard, ...message }];
}

/** For a click whose action id or value we cannot read: an old message, or a forged payload. */
export function expiredButtonResponse(): ResponseMessage {
  return notice(EXPIRED_BUTTON, 'warning');
}

/** What the user sees when handling failed; `ref` ties it to the log line. */
export function errorResponse(ref: string): ResponseMessage {
  return notice(`Something went wrong (ref ${ref}). Please try again.`, 'error');
}

function notice(text: string, tone: 'warning' | 'error'): ResponseMessage {
  return {
    response_type: 'ephemeral',
    replace_original: false,
    ...renderReply({ kind: 'notice', tone, text }),
  };
}
