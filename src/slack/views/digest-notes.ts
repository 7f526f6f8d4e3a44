import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { context } from './blocks.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';
import { userMention } from './people.js';

type SetUp = Extract<Reply, { kind: 'digest-set-up' }>;
type Denied = Extract<Reply, { kind: 'digest-denied' }>;

/** The note everyone in the channel sees: "@maria set up a digest here: …, every Monday … First: …". */
export function digestSetUpBlocks(reply: SetUp): KnownBlock[] {
  const who = userMention(reply.createdBy);
  const verb = reply.resumed ? 'resumed a digest here' : 'set up a digest here';
  const line = `:mega: ${who} ${verb}: ${escapeTruncate(oneLine(reply.what), 300)}, ${escapeTruncate(reply.schedule, 200)}. First one ${escapeTruncate(reply.firstText, 120)}. \`/event subscriptions\` lists this channel's digests.`;
  return [context([line]) ?? { type: 'divider' }];
}

export function digestSetUpText(reply: SetUp): string {
  const verb = reply.resumed ? 'resumed' : 'set up';
  return escapeTruncate(`A digest was ${verb} here: ${oneLine(reply.what)}, ${reply.schedule}.`, 300);
}

/** To someone who may not pause or stop a digest: who can. */
export function digestDeniedBlocks(reply: Denied): KnownBlock[] {
  const text = `:lock: Only ${userMention(reply.createdBy)}, who set up the digest of ${escapeTruncate(oneLine(reply.what), 200)}, or a workspace admin can ${reply.verb} it.`;
  return [{ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } }];
}

export function digestDeniedText(reply: Denied): string {
  return escapeTruncate(
    `Only the person who set up the digest of ${oneLine(reply.what)}, or a workspace admin, can ${reply.verb} it.`,
    300,
  );
}
