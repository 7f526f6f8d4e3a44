import type { KnownBlock } from '@slack/types';
import type { CommandResult } from '../core/commands/reply.js';
import { rendering } from './rendered.js';
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

const EXPIRED_BUTTON = 'That button has expired; run /event again.';

/** The one line saying Slack could not tell the asker's zone, so the answer uses the configured one. */
export function zoneFallbackNote(zone: string): string {
  return `I couldn't get your time zone from Slack just now, so times here are in ${zone}.`;
}

/** An ephemeral answer with one more line under it (a context block; Slack allows 50 blocks). */
export function withNote(message: ResponseMessage, note: string): ResponseMessage {
  if (message.response_type !== 'ephemeral') return message;
  const line: KnownBlock = { type: 'context', elements: [{ type: 'plain_text', text: note, emoji: false }] };
  return {
    ...message,
    text: `${message.text}\n${note}`,
    blocks: message.blocks.length < 50 ? [...message.blocks, line] : message.blocks,
  };
}

/** What `/event …` answers through the response_url: the rendered reply, to the asker or to the conversation. */
export function commandResponse(result: CommandResult): ResponseMessage {
  return { response_type: result.visibility, ...rendering(result.reply) };
}

/**
 * What a button click answers, in the order to post it. `from` says where the clicked message is: an
 * ephemeral answer of ours, or a message everyone in the channel sees (a digest, a shared card).
 *
 * - A click on a channel message never rewrites it: the clicker gets a new ephemeral message.
 * - A share being posted (`in_channel`): the shared card as a new message (`replace_original: false`),
 *   then `delete_original` to remove the preview the click came from. One response_url POST either
 *   posts/replaces or deletes, never both, so it takes two (a response_url accepts up to five within
 *   30 minutes). Posting first means a failed share leaves the preview where it was.
 * - `dismiss` (Cancel on a preview): `delete_original`.
 * - A notice, a reminder confirmation, calendar links or a share preview: a new ephemeral message, so
 *   the card stays to act on.
 * - `keep` (a help example's "Try it", a theme picked from the themes list): a new ephemeral message,
 *   so the help or the list stays to try the next one.
 * - Anything else (Open, More like this, Next results, a suggestion): replaces the ephemeral card.
 */
export function actionResponses(
  result: CommandResult,
  from: 'ephemeral' | 'channel' = 'ephemeral',
  keep = false,
): (ResponseMessage | DeleteOriginal)[] {
  if (result.reply.kind === 'dismiss') return from === 'ephemeral' ? [{ delete_original: true }] : [];
  const message = rendering(result.reply);
  if (result.visibility === 'in_channel') {
    const posted = { response_type: 'in_channel' as const, replace_original: false, ...message };
    return from === 'ephemeral' ? [posted, { delete_original: true }] : [posted];
  }
  const keepsCard = keep || from === 'channel' || KEEPS_CARD.has(result.reply.kind);
  return [{ response_type: 'ephemeral', replace_original: !keepsCard, ...message }];
}

/** Answers that come as a new message beside the card, rather than in its place. */
const KEEPS_CARD = new Set<CommandResult['reply']['kind']>([
  'notice',
  'reminder-set',
  'calendar',
  'share-preview',
  'digest-denied',
]);

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
