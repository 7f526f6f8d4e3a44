import type { ActionsBlockElement, KnownBlock, PlainTextOption } from '@slack/types';
import type { Reply } from '../../core/commands/reply.js';
import { encodeActionValue, SlackIds } from '../ids.js';
import { actionElement } from './action-elements.js';
import { actions, compact, context, header, plain, section } from './blocks.js';
import { LIMITS } from './limits.js';
import { escapeMrkdwn, escapeTruncate, oneLine, truncate } from './mrkdwn.js';

type ThemesReply = Extract<Reply, { kind: 'themes' }>;

/** Most themes one message shows, whatever page core hands it (core pages by 15). */
const MOST_SHOWN = 30;

/**
 * A page of themes: where it sits ("1–15 of 182"), each theme with its number of events, a menu that
 * shows one theme's events, and Previous / Next. Titles are cut to keep the page inside one short message.
 */
export function themesBlocks(full: ThemesReply): KnownBlock[] {
  const reply = { ...full, themes: full.themes.slice(0, MOST_SHOWN) };
  const { offset } = reply.position;
  const lines = reply.themes.map(
    (t, i) =>
      `${offset + i + 1}. *${escapeTruncate(oneLine(t.title), 70)}* — ${t.count} ${t.count === 1 ? 'event' : 'events'}${t.spellings > 1 ? ` _(${t.spellings} spellings)_` : ''}`,
  );
  const last = offset + reply.themes.length;
  return compact([
    header(reply.heading, SlackIds.blocks.heading),
    reply.themes.length
      ? context([escapeMrkdwn(`Themes ${offset + 1}–${last} of ${reply.total}, most discussed first`)])
      : undefined,
    reply.themes.length ? section(lines.join('\n')) : section('No themes in the archive yet.'),
    actions(
      [themeMenu(reply), ...reply.actions.map((a, i) => actionElement(a, { index: i, about: 'themes' }))],
      SlackIds.blocks.themeActions,
    ),
  ]);
}

/** "Show a theme's events…": one option per theme on the page; a theme whose value cannot fit is left out. */
function themeMenu(reply: Pick<ThemesReply, 'themes'>): ActionsBlockElement | undefined {
  const options: PlainTextOption[] = [];
  for (const t of reply.themes) {
    if (t.action.kind !== 'theme') continue;
    const value = encodeActionValue(
      { p: 'theme', q: truncate(oneLine(t.action.theme), 100), o: 0 },
      LIMITS.optionValue,
    );
    if (value) options.push({ text: plain(t.title, LIMITS.optionText), value });
  }
  if (!options.length) return undefined;
  return {
    type: 'static_select',
    action_id: SlackIds.actions.themePick,
    placeholder: plain("Show a theme's events…", LIMITS.placeholder),
    options,
  };
}

/** Plain notification text: which themes the page holds. */
export function themesText(reply: ThemesReply): string {
  if (!reply.themes.length) return 'No themes in the archive yet.';
  const { offset } = reply.position;
  const names = reply.themes
    .slice(0, 5)
    .map((t) => `${oneLine(t.title)} (${t.count})`)
    .join(', ');
  return escapeTruncate(
    `Key themes ${offset + 1}–${offset + reply.themes.length} of ${reply.total}: ${names}${reply.themes.length > 5 ? ', …' : ''}`,
    300,
  );
}
