import type { Button, KnownBlock, SectionBlock } from '@slack/types';
import type { ListItem, ReminderItem } from '../../core/commands/reply.js';
import type { HomeDigest, HomeModel, HomeSection } from '../../core/home/home.js';
import { encodeActionValue, SlackIds } from '../ids.js';
import { button } from './action-elements.js';
import { actions, compact, context, header, plain, section } from './blocks.js';
import { DATE_TIME_FORMAT, escapeMrkdwn, escapeTruncate, oneLine, slackDate, truncate } from './mrkdwn.js';
import { itemSection } from './text-fit.js';

/** Slack's cap on blocks in a Home tab or a modal (messages: 50). */
export const VIEW_BLOCK_LIMIT = 100;
/** Room per listed event on the Home tab. */
const ITEM_ROOM = 600;

/** A Home tab view, as `views.publish` takes it. */
export interface HomeView {
  type: 'home';
  blocks: KnownBlock[];
}

const ids = SlackIds.surfaces;

/**
 * One user's Home tab: a search button, this week and next (each with "Remind me"), their reminders
 * (each with Cancel, behind a confirm), the digests they set up, and what is new in the archive.
 * Everything from the archive or a user is escaped; the block count stays under Slack's 100.
 */
export function homeView(model: HomeModel): HomeView {
  const blocks = compact([
    header('Event Archive'),
    model.note ? section(`:information_source: ${escapeTruncate(oneLine(model.note), 600)}`) : undefined,
    actions([button('Search the archive', ids.homeSearch, 'open', { style: 'primary' })], 'home_search'),
    context([
      escapeMrkdwn('Or type `/event <words>` anywhere, mention me in a channel, or write to me in Messages.'),
    ]),
    ...model.weeks.flatMap(weekBlocks),
    { type: 'divider' },
    header(model.reminders.total ? `Your reminders (${model.reminders.total})` : 'Your reminders'),
    ...(model.reminders.items.length
      ? model.reminders.items.map(reminderSection)
      : [section(escapeTruncate(model.reminders.empty, 600))]),
    model.reminders.total > model.reminders.items.length
      ? context([escapeMrkdwn('`/event reminders` lists them all.')])
      : undefined,
    { type: 'divider' },
    header('Your digests'),
    model.digests.items.length
      ? section(model.digests.items.map(digestLine).join('\n'))
      : section(escapeTruncate(model.digests.empty, 600)),
    { type: 'divider' },
    ...weekBlocks(model.recent),
  ]);
  return { type: 'home', blocks: blocks.slice(0, VIEW_BLOCK_LIMIT) };
}

function weekBlocks(week: HomeSection): KnownBlock[] {
  return compact([
    header(week.heading),
    ...(week.items.length ? week.items.map(homeItem) : [section(escapeTruncate(week.empty, 600))]),
    week.total !== undefined
      ? context([escapeMrkdwn(`${week.items.length} of ${week.total} shown; search for the rest.`)])
      : undefined,
  ]);
}

/** A listed event, with the Home tab's own "Remind me" instead of the card's buttons. */
function homeItem(item: ListItem): SectionBlock {
  const { accessory: _cardButton, ...plainSection } = itemSection({ ...item, actions: [] }, ITEM_ROOM);
  const remind = item.actions.find((a) => a.kind === 'remind');
  const value = remind && encodeActionValue({ e: item.event.id });
  if (!value) return plainSection;
  return {
    ...plainSection,
    accessory: button('Remind me', ids.homeRemind, value, { about: item.event.title }),
  };
}

function reminderSection(item: ReminderItem): SectionBlock {
  const title = escapeTruncate(oneLine(item.title), 200);
  const rule = item.label ? ` · ${escapeTruncate(item.label, 80)}` : '';
  const state = item.sending ? ' · _being sent now_' : '';
  const text = `*${title}*\n${slackDate(item.dueMs, DATE_TIME_FORMAT, item.dueText)}${rule}${state}`;
  const cancel = item.actions.some((a) => a.kind === 'cancel-reminder');
  const value = cancel ? encodeActionValue({ r: item.reminderId }) : undefined;
  if (!value) return section(text);
  const element: Button = {
    ...button('Cancel', ids.homeCancelReminder, value, { style: 'danger', about: item.title }),
    confirm: {
      title: plain('Cancel this reminder?', 100),
      text: plain(`You will not be reminded of “${truncate(oneLine(item.title), 200)}”.`, 300),
      confirm: plain('Cancel reminder', 30),
      deny: plain('Keep it', 30),
      style: 'danger',
    },
  };
  return section(text, { accessory: element });
}

/** `<#C123>` renders the channel's current name; only a real channel id is ever put in the token. */
function digestLine(digest: HomeDigest): string {
  const where = /^[CGD][A-Z0-9]{2,20}$/.test(digest.channelId)
    ? `<#${digest.channelId}>`
    : escapeMrkdwn(digest.channelName ?? 'a channel');
  const paused = digest.paused ? ' · _paused_' : '';
  return `• ${where}: ${escapeTruncate(digest.what, 120)}, ${escapeTruncate(digest.schedule, 120)} · next ${escapeTruncate(digest.nextRunText, 80)}${paused}`;
}
