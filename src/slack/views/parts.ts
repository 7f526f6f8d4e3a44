import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import { DateTime } from 'luxon';
import type { ReplyAction } from '../../core/commands/reply.js';
import type { Event } from '../../core/model.js';
import { isDateOnly, isValidTimeZone } from '../../core/time.js';
import { encodeActionValue, SlackIds } from '../ids.js';
import { LIMITS } from './limits.js';
import {
  DATE_FORMAT,
  DATE_TIME_FORMAT,
  escapeMrkdwn,
  escapeTruncate,
  oneLine,
  slackDate,
  TIME_FORMAT,
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
  'cancel-reminder': SlackIds.actions.cancelReminder,
};

/**
 * A button for a core {@link ReplyAction}, with its value encoded as compact JSON. Undefined when the
 * value cannot fit Slack's 2000 characters (a pathological query): better no button than a refused message.
 */
export function actionButton(
  label: string,
  action: ReplyAction,
  options: { actionId?: string; style?: 'primary' | 'danger' } = {},
): Button | undefined {
  const value =
    action.kind === 'page'
      ? encodeActionValue({ c: action.command, o: action.offset })
      : action.kind === 'cancel-reminder'
        ? encodeActionValue({ r: action.reminderId })
        : encodeActionValue({ e: action.eventId });
  if (value === undefined) return undefined;
  return {
    type: 'button',
    text: plain(label, LIMITS.buttonText),
    action_id: options.actionId ?? ACTION_IDS[action.kind],
    value,
    ...(options.style ? { style: options.style } : {}),
  };
}

/** The zone an event's wall-clock times are meant in: its own IANA zone, else the offset it was written with. */
function zoned(value: string, event: Event): DateTime {
  const zone = event.timezone && isValidTimeZone(event.timezone) ? event.timezone : undefined;
  if (isDateOnly(value)) return DateTime.fromISO(value, { zone: zone ?? 'UTC' });
  const dt = DateTime.fromISO(value, { setZone: true });
  return zone ? dt.setZone(zone) : dt;
}

const FALLBACK_DATE = 'cccc, d LLLL yyyy';
const FALLBACK_TIME = 'HH:mm ZZZZ';

/** The event's date and time as plain text in its own zone, for notifications and fallbacks. */
export function plainWhen(event: Event): string {
  const start = zoned(event.start, event).setLocale('en-US');
  if (isDateOnly(event.start)) {
    const first = start.toFormat(FALLBACK_DATE);
    if (!event.end || event.end === event.start) return first;
    return `${first} – ${zoned(event.end, event).setLocale('en-US').toFormat(FALLBACK_DATE)}`;
  }
  return start.toFormat(`${FALLBACK_DATE} 'at' ${FALLBACK_TIME}`);
}

/**
 * The event's date line as Slack date tokens, so each reader sees it in their own zone, with a plain
 * fallback in the event's zone. Date-only events point at noon of that day in the event's zone (or UTC):
 * midnight would show as the previous day to anyone west of it.
 */
export function slackWhen(event: Event): string {
  const start = zoned(event.start, event).setLocale('en-US');
  if (isDateOnly(event.start)) {
    const first = slackDate(start.set({ hour: 12 }).toMillis(), DATE_FORMAT, start.toFormat(FALLBACK_DATE));
    if (!event.end || event.end === event.start) return first;
    const end = zoned(event.end, event).setLocale('en-US');
    return `${first} – ${slackDate(end.set({ hour: 12 }).toMillis(), DATE_FORMAT, end.toFormat(FALLBACK_DATE))}`;
  }
  const first = slackDate(
    start.toMillis(),
    DATE_TIME_FORMAT,
    start.toFormat(`${FALLBACK_DATE} 'at' ${FALLBACK_TIME}`),
  );
  if (!event.end) return first;
  const end = zoned(event.end, event).setLocale('en-US');
  if (isDateOnly(event.end)) return first;
  if (end.hasSame(start, 'day'))
    return `${first} – ${slackDate(end.toMillis(), TIME_FORMAT, end.toFormat(FALLBACK_TIME))}`;
  return `${first} – ${slackDate(end.toMillis(), DATE_TIME_FORMAT, end.toFormat(`${FALLBACK_DATE} 'at' ${FALLBACK_TIME}`))}`;
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

/** One compact line about an event: bold title, then date, type and place. Escaped, within `max`. */
export function compactEvent(event: Event, max: number): string {
  const when = slackWhen(event);
  const details = [event.type, event.location].filter((v): v is string => Boolean(v)).map(oneLine);
  const tail = details.length ? ` · ${escapeTruncate(details.join(' · '), 200)}` : '';
  const room = Math.max(20, max - when.length - tail.length - 3);
  const title = `*${escapeTruncate(oneLine(event.title), room)}*`;
  const line = `${title}\n${when}${tail}`;
  return line.length <= max
    ? line
    : `${title}\n${escapeTruncate(plainWhen(event), Math.max(1, max - title.length - 1))}`;
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
