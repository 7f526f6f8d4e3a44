import { shortSummary } from '../core/commands/card-text.js';
import type { ListItem } from '../core/commands/reply.js';
import { EVENT_STATUS_LABELS, type Event } from '../core/model.js';
import { type EventWhen, formatInZone } from '../core/when-text.js';
import { clean, type Styles } from './terminal-text.js';

/** An event as its card shows it: title, facts, the summary's first sentences, theme titles and link. */
export function cardLines(event: Event, when: string, style: Styles): string[] {
  const lines = [...style.heading(clean(event.title))];
  if (event.status) lines.push(style.bold(EVENT_STATUS_LABELS[event.status]));
  lines.push(`${style.bold('When:')} ${when}`);
  if (event.location) lines.push(`${style.bold('Where:')} ${clean(event.location)}`);
  lines.push(`${style.bold('Type:')} ${clean(event.type)}`);
  if (event.hosts.length)
    lines.push(
      `${style.bold(event.hosts.length > 1 ? 'Hosts:' : 'Host:')} ${event.hosts.map(clean).join(', ')}`,
    );
  if (event.summary) lines.push('', clean(shortSummary(event.summary)));
  if (event.themes.length)
    lines.push('', `${style.bold('Key themes:')} ${event.themes.map((t) => clean(t.title)).join(' · ')}`);
  return lines;
}

/** An event in full ("Read more"): title, facts, speakers, summary, numbered themes and its link. */
export function eventLines(event: Event, when: string, style: Styles): string[] {
  const lines = [...style.heading(clean(event.title))];
  lines.push(`${style.bold('When:')} ${when}`, `${style.bold('Type:')} ${clean(event.type)}`);
  if (event.location) lines.push(`${style.bold('Where:')} ${clean(event.location)}`);
  if (event.hosts.length)
    lines.push(
      `${style.bold(event.hosts.length > 1 ? 'Hosts:' : 'Host:')} ${event.hosts.map(clean).join(', ')}`,
    );
  if (event.speakers.length) {
    lines.push(style.bold('Speakers:'));
    for (const s of event.speakers) lines.push(`  - ${clean(s.name)}${s.role ? `, ${clean(s.role)}` : ''}`);
  }
  if (event.summary) lines.push('', clean(event.summary));
  if (event.themes.length) {
    lines.push('', style.bold('Key themes:'));
    event.themes.forEach((t, i) => {
      lines.push(`  ${i + 1}. ${style.bold(clean(t.title))}${t.summary ? ` — ${clean(t.summary)}` : ''}`);
    });
  }
  if (event.url) lines.push('', `Event page (${clean(event.url)})`);
  return lines;
}

/** Title, date, type and place of an event on one line. */
export function compactItem(item: ListItem, when: (w: EventWhen) => string, style: Styles): string {
  const { event } = item;
  const details = [when(item.when), event.type, event.location]
    .filter((v): v is string => Boolean(v))
    .map(clean);
  const repeats = item.repeats ? ` (${clean(item.repeats)})` : '';
  const related = item.related ? ` (${clean(item.related)})` : '';
  return `${style.bold(clean(event.title))} — ${details.join(' · ')}${repeats}${related}`;
}

/**
 * An event's date and time in the venue's own zone; an upcoming timed event also in the console's
 * `zone`, when one is set, since that is when the reader has to be there.
 */
export function whenText(when: EventWhen, zone?: string): string {
  if (!zone || !when.upcoming || when.allDay) return when.text;
  return `${when.text} (${formatInZone(when.startMs, zone)} your time)`;
}
