import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SECTION_ROOM, section } from './blocks.js';
import { escapeTruncate } from './mrkdwn.js';

type NoticeReply = Extract<Reply, { kind: 'notice' }>;

const ICONS: Record<NoticeReply['tone'], string> = {
  info: ':information_source:',
  warning: ':warning:',
  error: ':x:',
};

/** A short confirmation or warning: one section, an icon for the tone, the text escaped. */
export function noticeBlocks(reply: NoticeReply): KnownBlock[] {
  return [section(`${ICONS[reply.tone]} ${escapeTruncate(reply.text, SECTION_ROOM) || '…'}`)];
}
