import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { SlackIds } from '../ids.js';
import { actionElement } from './action-elements.js';
import { actions, compact, context, header, SECTION_ROOM, section } from './blocks.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';
import { escapedChunks, slackWhen } from './text-fit.js';

type ThemeDetailReply = Extract<Reply, { kind: 'theme-detail' }>;

/** A theme's summary may fill at most this many sections; the rest is on the event page. */
const MAX_SUMMARY_SECTIONS = 3;

/** One key theme of one event in full: its title, which event it belongs to, its summary, and the actions core gave it (Open). */
export function themeDetailBlocks(reply: ThemeDetailReply): KnownBlock[] {
  const { event, index } = reply;
  const theme = event.themes[index];
  const open = actions(
    reply.actions.map((a) => actionElement(a, { about: event.title })),
    SlackIds.blocks.themeActions,
  );
  const about = `*${escapeTruncate(oneLine(event.title), 300)}* · ${slackWhen(reply.when)}`;
  if (!theme) {
    return compact([section(`That theme is no longer listed for ${about}.`), open]);
  }
  const chunks = escapedChunks(theme.summary, SECTION_ROOM);
  const shown = chunks.slice(0, MAX_SUMMARY_SECTIONS);
  if (chunks.length > shown.length) shown[shown.length - 1] += ' …';
  return compact([
    header(`${index + 1}. ${theme.title}`, SlackIds.blocks.heading),
    context([`Key theme ${index + 1} of ${event.themes.length} · ${about}`]),
    ...(shown.length ? shown.map((text) => section(text)) : [section('_No summary for this theme._')]),
    open,
  ]);
}
