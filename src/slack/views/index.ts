import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { section } from './blocks.js';
import { calendarBlocks, calendarText } from './calendar.js';
import { digestBlocks, digestText } from './digest.js';
import { digestDeniedBlocks, digestDeniedText, digestSetUpBlocks, digestSetUpText } from './digest-notes.js';
import { eventCardBlocks, eventCardText } from './event-card.js';
import { eventDetailBlocks } from './event-detail.js';
import { gapsBlocks, gapsText } from './gaps.js';
import { helpBlocks, helpText } from './help.js';
import { checkLimits } from './limits.js';
import { listBlocks } from './list.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';
import { noMatchBlocks } from './no-match.js';
import { noticeBlocks } from './notice.js';
import { reminderDueBlocks, reminderDueText } from './reminder-due.js';
import { reminderSetBlocks, reminderSetText } from './reminder-set.js';
import { remindersBlocks, remindersText } from './reminders.js';
import { sharePreviewBlocks } from './share-preview.js';
import { peopleBlocks } from './speaker-picker.js';
import { subscriptionsBlocks, subscriptionsText } from './subscriptions.js';
import { themeDetailBlocks } from './theme-detail.js';
import { themesBlocks, themesText } from './themes.js';

/** A Slack message for a Reply: Block Kit blocks, and `text` for notifications and clients without blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Renders any core Reply as a Slack message. Pure: the listener decides where it goes (respond,
 * chat.postMessage, response_url). Should a builder ever produce blocks Slack would refuse, a short
 * notice goes out instead, because a refused message leaves the user with no answer at all.
 */
export function renderReply(reply: Reply): SlackMessage {
  const message = build(reply);
  if (checkLimits(message.blocks).length === 0) return message;
  return {
    text: 'This result is too large to show in Slack.',
    blocks: [section(':warning: This result is too large to show in Slack. Try a narrower search.')],
  };
}

function build(reply: Reply): SlackMessage {
  switch (reply.kind) {
    case 'event':
      return { text: eventCardText(reply), blocks: eventCardBlocks(reply) };
    case 'list':
      return { text: listText(reply), blocks: listBlocks(reply) };
    case 'themes':
      return { text: themesText(reply), blocks: themesBlocks(reply) };
    case 'people':
      return { text: fallback(reply.heading), blocks: peopleBlocks(reply) };
    case 'theme-detail': {
      const theme = reply.event.themes[reply.index];
      return {
        text: fallback(theme ? `${theme.title} — ${reply.event.title}` : reply.event.title),
        blocks: themeDetailBlocks(reply),
      };
    }
    case 'no-match':
      return { text: fallback(`No events match “${oneLine(reply.query)}”.`), blocks: noMatchBlocks(reply) };
    case 'help':
      return { text: helpText(reply), blocks: helpBlocks(reply) };
    case 'notice':
      return { text: fallback(reply.text), blocks: noticeBlocks(reply) };
    case 'reminder-set':
      return { text: reminderSetText(reply), blocks: reminderSetBlocks(reply) };
    case 'reminders':
      return { text: remindersText(reply), blocks: remindersBlocks(reply) };
    case 'reminder-due':
      return { text: reminderDueText(reply), blocks: reminderDueBlocks(reply) };
    case 'subscriptions':
      return { text: subscriptionsText(reply), blocks: subscriptionsBlocks(reply) };
    case 'digest':
      return { text: digestText(reply), blocks: digestBlocks(reply) };
    case 'digest-set-up':
      return { text: digestSetUpText(reply), blocks: digestSetUpBlocks(reply) };
    case 'digest-denied':
      return { text: digestDeniedText(reply), blocks: digestDeniedBlocks(reply) };
    case 'event-detail':
      return {
        text: fallback(`${reply.event.title} — ${reply.when.text}`),
        blocks: eventDetailBlocks(reply, 45),
      };
    case 'calendar':
      return { text: calendarText(reply), blocks: calendarBlocks(reply) };
    case 'share-preview':
      return {
        text: fallback(`Preview of your share: ${reply.card.event.title}`),
        blocks: sharePreviewBlocks(reply),
      };
    case 'dismiss':
      return { text: 'Done.', blocks: [section('Done.')] };
    case 'gaps':
      return { text: gapsText(reply), blocks: gapsBlocks(reply) };
  }
}

/** A list's notification text: its heading, how many it shows, and the first titles. */
function listText(reply: Extract<Reply, { kind: 'list' }>): string {
  const n = reply.items.length;
  if (!n) return fallback(reply.empty || reply.heading);
  const titles = reply.items.slice(0, 3).map((i) => oneLine(i.event.title));
  return fallback(
    `${reply.heading} — ${n} ${n === 1 ? 'event' : 'events'}: ${titles.join('; ')}${n > 3 ? '; …' : ''}`,
  );
}

/** Plain notification text: one line, escaped, short. */
function fallback(text: string): string {
  return escapeTruncate(oneLine(text), 300) || '…';
}
