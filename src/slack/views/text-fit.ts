import type { SectionBlock } from '@slack/types';
import type { ListItem } from '../../core/commands/reply.js';
import type { EventWhen } from '../../core/when-text.js';
import { accessoryFor } from './action-elements.js';
import { SECTION_ROOM, section } from './blocks.js';
import {
  DATE_TIME_FORMAT,
  escapeMrkdwn,
  escapeTruncate,
  oneLine,
  SHORT_DATE_TIME_FORMAT,
  slackDate,
} from './mrkdwn.js';

/**
 * When an event is, as Slack shows it: a past or all-day event as plain text in the venue's own date
 * and time (a date token would move it to each reader's zone, and an all-day date is not an instant);
 * an upcoming timed event as a date token in the reader's zone, with the venue's time beside it, named
 * by its zone's city ("7:00 PM EDT in New York"), else "at the venue" ("local time" read as the reader's).
 */
export function slackWhen(when: EventWhen, size: 'long' | 'short' = 'long'): string {
  if (!when.upcoming || when.allDay || !when.venueTime) return escapeMrkdwn(when.text);
  const format = size === 'long' ? DATE_TIME_FORMAT : SHORT_DATE_TIME_FORMAT;
  return `${slackDate(when.startMs, format, when.text)} (${escapeMrkdwn(when.venueTime)} ${when.venueCity ? `in ${escapeMrkdwn(when.venueCity)}` : 'at the venue'})`;
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
