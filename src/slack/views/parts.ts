import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ConfirmationDialog,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import type { ListItem, ReplyAction } from '../../core/commands/reply.js';
import type { RemindPreset, SnoozePreset } from '../../core/reminders/model.js';
import type { EventWhen } from '../../core/when-text.js';
import { actionValue, encodeActionValue, indexedActionId, SlackIds } from '../ids.js';
import { LIMITS } from './limits.js';
import {
  DATE_TIME_FORMAT,
  escapeMrkdwn,
  escapeTruncate,
  oneLine,
  SHORT_DATE_TIME_FORMAT,
  slackDate,
  truncate,
} from './mrkdwn.js';

/** Room for text in one section, leaving space for a closing "…and N more" line. */
export const SECTION_ROOM = LIMITS.sectionText - 100;

/**
 * mrkdwn text object. `verbatim: true` stops Slack's automatic parsing of bare URLs, `#channel` names
 * and `@here`-style words in archive text; the bot's own `<url|label>` and `<!date^…>` still render.
 */
export function md(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** plain_text object from raw text: escaped (Slack decodes the three entities in every text object). */
export function plain(raw: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: escapeTruncate(oneLine(raw), max) || ' ', emoji: true };
}

/** A section of mrkdwn, with an optional accessory. */
export function section(text: string, extra: Partial<SectionBlock> = {}): SectionBlock {
  return { type: 'section', text: md(text), ...extra };
}

/** A header block from raw text, cut to Slack's 150-character header limit. */
export function header(raw: string, blockId?: string): HeaderBlock {
  return { type: 'header', text: plain(raw, LIMITS.headerText), ...(blockId ? { block_id: blockId } : {}) };
}

/** A context block of mrkdwn lines (already escaped); empty lines are dropped, at most 10 kept. */
export function context(lines: string[], blockId?: string): ContextBlock | undefined {
  const elements = lines.filter((l) => l.trim().length > 0).slice(0, LIMITS.contextElements);
  if (elements.length === 0) return undefined;
  return { type: 'context', elements: elements.map(md), ...(blockId ? { block_id: blockId } : {}) };
}

/** An actions block, or nothing when no element survived (Slack refuses an empty one). */
export function actions(
  elements: (ActionsBlockElement | undefined)[],
  blockId?: string,
): ActionsBlock | undefined {
  const kept = elements
    .filter((e): e is ActionsBlockElement => e !== undefined)
    .slice(0, LIMITS.actionsElements);
  if (kept.length === 0) return undefined;
  return { type: 'actions', elements: kept, ...(blockId ? { block_id: blockId } : {}) };
}

/** Drops the `undefined`s optional parts leave behind. */
export function compact(blocks: (KnownBlock | undefined)[]): KnownBlock[] {
  return blocks.filter((b): b is KnownBlock => b !== undefined);
}

const ACTION_IDS: Record<ReplyAction['kind'], string> = {
  share: SlackIds.actions.share,
  remind: SlackIds.actions.remind,
  'more-like': SlackIds.actions.moreLike,
  open: SlackIds.actions.open,
  page: SlackIds.actions.page,
  suggest: SlackIds.actions.suggest,
  'cancel-reminder': SlackIds.actions.cancelReminder,
  'read-more': SlackIds.actions.readMore,
  calendar: SlackIds.actions.calendar,
  'event-page': SlackIds.actions.eventPage,
  'share-post': SlackIds.actions.sharePost,
  'share-note': SlackIds.actions.shareNote,
  'share-cancel': SlackIds.actions.shareCancel,
  theme: SlackIds.actions.themePick,
  try: SlackIds.actions.helpTry,
  'snooze-reminder': SlackIds.actions.snoozeReminder,
  'pause-digest': SlackIds.actions.pauseDigest,
  'resume-digest': SlackIds.actions.resumeDigest,
  'stop-digest': SlackIds.actions.stopDigest,
  edit: SlackIds.actions.edit,
};

const SNOOZE_LABELS: Record<SnoozePreset, string> = { hour: 'An hour later', day: 'A day later' };

const REMIND_LABELS: Record<RemindPreset, string> = {
  'day-before': 'The day before',
  'hour-before': 'An hour before',
  'morning-of': 'The morning of',
};

/** What a button says, for each kind of action, on a card or beside a listed item. */
function labelOf(action: ReplyAction, place: 'card' | 'item', channelName?: string): string {
  switch (action.kind) {
    case 'open':
      return 'Open';
    case 'share':
      return place === 'card' ? 'Share…' : 'Share';
    case 'read-more':
      return 'Read more';
    case 'calendar':
      return 'Add to calendar';
    case 'event-page':
      return 'Event page';
    case 'share-post':
      return channelName ? `Post to #${channelName}` : 'Post here';
    case 'share-note':
      return 'Add a note';
    case 'share-cancel':
      return 'Cancel';
    case 'remind':
      return 'Remind me';
    case 'more-like':
      return place === 'card' ? 'More like this' : 'Related';
    case 'cancel-reminder':
      return 'Cancel';
    case 'page':
      return action.direction === 'next' ? 'Next results' : 'Previous';
    case 'suggest':
      return action.label ?? action.page.words;
    case 'theme':
      return action.theme;
    case 'try':
      return 'Try it';
    case 'snooze-reminder':
      return 'Snooze';
    case 'pause-digest':
      return 'Pause';
    case 'resume-digest':
      return 'Resume';
    case 'stop-digest':
      return 'Stop';
    case 'edit':
      return 'Edit';
  }
}

/**
 * The Block Kit element for a core {@link ReplyAction}: a button whose value is compact JSON, or for
 * "Remind me" with choices, a menu whose options each carry `{"e","w"}`. `about` (an event's title)
 * becomes the accessibility label, so a screen reader can tell repeated "Open" buttons apart.
 * Undefined when the value cannot fit Slack's limits: better no button than a refused message.
 */
export function actionElement(
  action: ReplyAction,
  options: { place?: 'card' | 'item'; about?: string; index?: number; channelName?: string } = {},
): ActionsBlockElement | undefined {
  const place = options.place ?? 'item';
  const label = labelOf(action, place, options.channelName);
  const base = ACTION_IDS[action.kind];
  const actionId = options.index === undefined ? base : indexedActionId(base, options.index);
  if (action.kind === 'remind' && action.choices?.length) {
    const select = remindSelect(action.eventId, action.choices, actionId);
    if (select) return select;
  }
  if (action.kind === 'snooze-reminder' && action.choices?.length)
    return snoozeSelect(action.reminderId, action.choices, actionId);
  const a11y = options.about
    ? { accessibility_label: truncate(oneLine(`${label}: ${options.about}`), LIMITS.buttonText) }
    : {};
  if (action.kind === 'event-page') {
    const url = safeHttpUrl(action.url);
    if (!url || url.length > LIMITS.buttonUrl) return undefined;
    return { type: 'button', text: plain(label, LIMITS.buttonText), action_id: actionId, url, ...a11y };
  }
  const value = encodeActionValue(actionValue(action));
  if (value === undefined) return undefined;
  const style =
    action.kind === 'share-post' || (action.kind === 'remind' && place === 'card')
      ? 'primary'
      : action.kind === 'cancel-reminder' || action.kind === 'stop-digest'
        ? 'danger'
        : undefined;
  const confirm =
    action.kind === 'cancel-reminder'
      ? cancelConfirm(options.about)
      : action.kind === 'stop-digest'
        ? stopConfirm(options.about)
        : undefined;
  return button(label, actionId, value, { style, about: options.about, ...(confirm ? { confirm } : {}) });
}

/**
 * A button: label cut to Slack's 75 characters, and `about` (an event's title) as its accessibility
 * label, so a screen reader can tell repeated buttons apart.
 */
export function button(
  label: string,
  actionId: string,
  value: string,
  options: { style?: 'primary' | 'danger'; about?: string; confirm?: ConfirmationDialog } = {},
): Button {
  return {
    type: 'button',
    text: plain(label, LIMITS.buttonText),
    action_id: actionId,
    value,
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
    ...(options.about
      ? { accessibility_label: truncate(oneLine(`${label}: ${options.about}`), LIMITS.buttonText) }
      : {}),
  };
}

/** Cancelling a reminder cannot be undone, so Slack asks first. */
function cancelConfirm(about?: string): ConfirmationDialog {
  return {
    title: plain('Cancel this reminder?', 100),
    text: plain(about ? `You will not be reminded about ${about}.` : 'You will not be reminded.', 300),
    confirm: plain('Cancel reminder', 30),
    deny: plain('Keep it', 30),
    style: 'danger',
  };
}

/** Stopping a digest cannot be undone (only subscribing again brings it back), so Slack asks first. */
function stopConfirm(about?: string): ConfirmationDialog {
  return {
    title: plain('Stop this digest?', 100),
    text: plain(
      about
        ? `This channel will no longer get the digest of ${about}.`
        : 'This channel will no longer get it.',
      300,
    ),
    confirm: plain('Stop digest', 30),
    deny: plain('Keep it', 30),
    style: 'danger',
  };
}

/** "Snooze…" as a menu of how much later; options carry `{"r","s"}`. */
function snoozeSelect(
  reminderId: string,
  choices: readonly SnoozePreset[],
  actionId: string,
): ActionsBlockElement | undefined {
  const options: PlainTextOption[] = [];
  for (const s of choices) {
    const value = encodeActionValue({ r: reminderId, s }, LIMITS.optionValue);
    if (value === undefined) return undefined;
    options.push({ text: plain(SNOOZE_LABELS[s], LIMITS.optionText), value });
  }
  return {
    type: 'static_select',
    action_id: actionId,
    placeholder: plain('Snooze…', LIMITS.placeholder),
    options,
  };
}

/** An http(s) URL for a link button, or undefined. */
function safeHttpUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Remind me" as a menu of when. Option values are capped at 150 characters, so an event with a very
 * long id gets undefined here and a plain "Remind me" button instead (the default time).
 */
function remindSelect(
  eventId: string,
  choices: readonly RemindPreset[],
  actionId: string,
): ActionsBlockElement | undefined {
  const options: PlainTextOption[] = [];
  for (const w of choices) {
    const value = encodeActionValue({ e: eventId, w }, LIMITS.optionValue);
    if (value === undefined) return undefined;
    options.push({ text: plain(REMIND_LABELS[w], LIMITS.optionText), value });
  }
  return {
    type: 'static_select',
    action_id: actionId,
    placeholder: plain('Remind me…', LIMITS.placeholder),
    options,
  };
}

/** Previous and Next in one row; indexed ids, as Slack wants action ids unique within a block. */
export function pagerRow(pager: ReplyAction[]): ActionsBlock | undefined {
  return actions(
    pager.map((a, i) => actionElement(a, { index: i })),
    SlackIds.blocks.pager,
  );
}

/** The first action as a section accessory (buttons only; a menu needs a row of its own). */
export function accessoryFor(actions: ReplyAction[], about: string): Partial<SectionBlock> {
  const first = actions[0];
  const element = first ? actionElement(first, { about }) : undefined;
  return element && element.type === 'button' ? { accessory: element } : {};
}

/**
 * When an event is, as Slack shows it: a past or all-day event as plain text in the venue's own date
 * and time (a date token would move it to each reader's zone, and an all-day date is not an instant);
 * an upcoming timed event as a date token in the reader's zone, with the venue's time beside it.
 */
export function slackWhen(when: EventWhen, size: 'long' | 'short' = 'long'): string {
  if (!when.upcoming || when.allDay || !when.venueTime) return escapeMrkdwn(when.text);
  const format = size === 'long' ? DATE_TIME_FORMAT : SHORT_DATE_TIME_FORMAT;
  return `${slackDate(when.startMs, format, when.text)} (${escapeMrkdwn(when.venueTime)} local time)`;
}

/**
 * A list of raw names joined with ", ", escaped, within `max` characters, ending "and N more" when
 * some had to go. The first name is always kept (cut if it must be).
 */
export function fitList(names: string[], max: number): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < names.length; i++) {
    const rest = names.length - i - 1;
    const tail = rest > 0 ? ` and ${rest} more`.length : 0;
    const piece = escapeMrkdwn(oneLine(names[i]));
    const sep = out.length ? 2 : 0;
    if (used + sep + piece.length + tail <= max) {
      out.push(piece);
      used += sep + piece.length;
      continue;
    }
    if (out.length === 0) {
      out.push(
        escapeTruncate(oneLine(names[i]), Math.max(1, max - ` and ${names.length - 1} more`.length - 2)),
      );
      i++;
    }
    const left = names.length - i;
    return left > 0 ? `${out.join(', ')} and ${left} more` : out.join(', ');
  }
  return out.join(', ');
}

/** One compact line about a listed event: bold title, then date, type and place. Escaped, within `max`. */
function compactEvent(
  item: Pick<ListItem, 'event' | 'when' | 'why' | 'repeats' | 'related'>,
  max: number,
): string {
  const { event } = item;
  const title = `*${escapeTruncate(oneLine(event.title), Math.min(100, Math.max(20, max - 60)))}*`;
  const when = slackWhen(item.when, 'short');
  const note = item.why ?? item.related;
  const why = note ? `\n_${escapeTruncate(oneLine(note), 120)}_` : '';
  const repeats = item.repeats ? `\n:repeat: ${escapeTruncate(oneLine(item.repeats), 80)}` : '';
  const room = max - title.length - when.length - why.length - repeats.length - 4;
  const details = [event.type, event.location].filter((v): v is string => Boolean(v)).map(oneLine);
  const tail = details.length && room > 12 ? ` · ${escapeTruncate(details.join(' · '), room)}` : '';
  return `${title}\n${when}${tail}${repeats}${why}`;
}

/** One listed event as a section, with its first action (Open, or Share in the picker) beside it. */
export function itemSection(item: ListItem, max: number): SectionBlock {
  return section(compactEvent(item, max), accessoryFor(item.actions, item.event.title));
}

/**
 * Packs escaped mrkdwn lines into as few sections as fit Slack's 3000 characters each, stopping at
 * `max` characters in all with "…and N more `noun`". The first line is always kept. Each line must
 * already be capped well under a section's length (callers keep them to a few hundred characters).
 * `count` is how many lines there were before the caller stopped formatting them (to save work).
 */
export function linesToSections(
  lines: string[],
  max: number,
  noun: string,
  count = lines.length,
): SectionBlock[] {
  const groups: string[][] = [];
  let current: string[] = [];
  let currentLength = 0;
  let used = 0;
  let shown = 0;
  for (const line of lines) {
    if (shown > 0 && used + line.length + 1 > max) break;
    if (current.length && currentLength + 1 + line.length > SECTION_ROOM) {
      groups.push(current);
      current = [];
      currentLength = 0;
    }
    current.push(line);
    currentLength += (currentLength ? 1 : 0) + line.length;
    used += 1 + line.length;
    shown += 1;
  }
  // SECTION_ROOM leaves space in the last section for this line.
  if (count > shown) current.push(`_…and ${count - shown} more ${noun}_`);
  if (current.length) groups.push(current);
  return groups.map((g) => section(g.join('\n')));
}

/**
 * Splits raw text into escaped chunks of at most `max` characters each, cutting between words (never
 * inside an entity or a surrogate pair), so a long summary can fill several sections.
 */
export function escapedChunks(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest) {
    const whole = escapeMrkdwn(rest);
    if (whole.length <= max) {
      chunks.push(whole);
      break;
    }
    let n = max;
    for (let length = escapeMrkdwn(rest.slice(0, n)).length; length > max; ) {
      n = Math.max(1, Math.min(n - 1, Math.floor((n * max) / length)));
      length = escapeMrkdwn(rest.slice(0, n)).length;
    }
    if (n > 1 && /[\ud800-\udbff]/.test(rest.charAt(n - 1))) n -= 1;
    const space = rest.slice(0, n).search(/\s\S*$/);
    if (space >= n / 2) n = space;
    chunks.push(escapeMrkdwn(rest.slice(0, n).trimEnd()));
    rest = rest.slice(n).trimStart();
  }
  return chunks;
}
