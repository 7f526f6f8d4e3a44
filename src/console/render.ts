import { DateTime } from 'luxon';
import type { Hit, Reply, ReplyAction } from '../core/commands/reply.js';
import type { Event } from '../core/model.js';
import { isDateOnly, isValidTimeZone } from '../core/time.js';

/** How to render: ANSI styles or plain text, and the zone to show event times in (else each event's own). */
export interface ConsoleOptions {
  color?: boolean;
  zone?: string;
}

/** What the terminal shows, and the buttons as numbered choices the console door can act on. */
export interface ConsoleRender {
  text: string;
  choices: { label: string; action: ReplyAction }[];
}

const SHARE_NOTE = 'would be posted to the channel';

/**
 * Renders a core Reply for a terminal: the same content as the Slack card, links as "label (url)",
 * dates in `zone`, and every button as a numbered choice. Archive text is stripped of control
 * characters first, so an event summary cannot move the cursor or restyle the terminal.
 */
export function renderForConsole(reply: Reply, options: ConsoleOptions = {}): ConsoleRender {
  const style = styles(options.color === true);
  const zone = options.zone && isValidTimeZone(options.zone) ? options.zone : undefined;
  const when = (event: Event) => formatWhen(event, zone);
  const lines: string[] = [];
  const choices: ConsoleRender['choices'] = [];
  const choose = (label: string, action: ReplyAction) => choices.push({ label: clean(label), action });

  switch (reply.kind) {
    case 'event': {
      const { event } = reply;
      if (reply.heading) lines.push(style.dim(clean(reply.heading)), '');
      lines.push(...eventLines(event, when, style));
      if (reply.sharedBy !== undefined) {
        lines.push('', style.dim(`Shared by ${clean(reply.sharedBy)}: this card ${SHARE_NOTE}.`));
        break;
      }
      if (reply.matched.length) lines.push(style.dim(`Matched: ${reply.matched.map(clean).join(', ')}`));
      choose(`Share to channel (${SHARE_NOTE})`, { kind: 'share', eventId: event.id });
      choose('Remind me', { kind: 'remind', eventId: event.id });
      choose('More like this', { kind: 'more-like', eventId: event.id });
      const more = reply.more.filter((h) => h.event.id !== event.id).slice(0, 4);
      if (more.length) {
        lines.push('', style.bold('More matches:'));
        for (const hit of more) {
          lines.push(`  - ${compactHit(hit, when, style)}`);
          choose(`Open: ${hit.event.title}`, { kind: 'open', eventId: hit.event.id });
        }
      }
      if (reply.next) choose('Next results', { kind: 'page', ...reply.next });
      break;
    }
    case 'list': {
      lines.push(...style.heading(clean(reply.heading)));
      if (reply.items.length === 0) lines.push(clean(reply.empty));
      reply.items.forEach((hit, i) => {
        lines.push(`  ${i + 1}. ${compactHit(hit, when, style)}`);
        if (reply.pick === 'share')
          choose(`Share: ${hit.event.title} (${SHARE_NOTE})`, { kind: 'share', eventId: hit.event.id });
        else choose(`Open: ${hit.event.title}`, { kind: 'open', eventId: hit.event.id });
      });
      if (reply.next) choose('Next results', { kind: 'page', ...reply.next });
      break;
    }
    case 'themes': {
      lines.push(...style.heading(clean(reply.heading)));
      if (reply.themes.length === 0) lines.push('No themes in the archive yet.');
      reply.themes.forEach((t, i) => {
        lines.push(
          `  ${i + 1}. ${style.bold(clean(t.title))} — ${t.count} ${t.count === 1 ? 'event' : 'events'}`,
        );
      });
      if (reply.total > reply.themes.length)
        lines.push(style.dim(`Showing ${reply.themes.length} of ${reply.total} themes.`));
      break;
    }
    case 'theme-detail': {
      const { event, index } = reply;
      const theme = event.themes[index];
      if (!theme) {
        lines.push(`That theme is no longer listed for ${clean(event.title)} (${when(event)}).`);
      } else {
        lines.push(...style.heading(`${index + 1}. ${clean(theme.title)}`));
        lines.push(
          style.dim(
            `Key theme ${index + 1} of ${event.themes.length} · ${clean(event.title)} · ${when(event)}`,
          ),
        );
        lines.push('', theme.summary ? clean(theme.summary) : 'No summary for this theme.');
      }
      choose('Open event', { kind: 'open', eventId: event.id });
      break;
    }
    case 'no-match': {
      const query = clean(reply.query).trim();
      lines.push(query ? `No events match "${query}".` : 'No events match that.');
      const suggestions = reply.suggestions.map((s) => clean(s).trim()).filter(Boolean);
      if (suggestions.length) {
        lines.push(`Did you mean: ${suggestions.join(', ')}?`);
        for (const s of suggestions) choose(`Search: ${s}`, { kind: 'page', command: s, offset: 0 });
      }
      if (reply.hint) lines.push(style.dim(clean(reply.hint)));
      break;
    }
    case 'help': {
      lines.push(...style.heading('How to use /event'));
      if (reply.problem) lines.push(style.warn(clean(reply.problem)), '');
      for (const ex of reply.examples) {
        const command = clean(ex.command);
        lines.push(
          `  ${style.bold(command.startsWith('/') ? command : `/event ${command}`)} — ${clean(ex.description)}`,
        );
      }
      break;
    }
    case 'notice': {
      const label = { info: 'Note:', warning: 'Warning:', error: 'Error:' }[reply.tone];
      const text = `${label} ${clean(reply.text)}`;
      lines.push(
        reply.tone === 'info' ? text : reply.tone === 'warning' ? style.warn(text) : style.error(text),
      );
      break;
    }
    case 'reminder-set': {
      if (reply.note) lines.push(style.dim(clean(reply.note)));
      const rule = reply.label ? ` (${clean(reply.label)})` : '';
      lines.push(
        `I'll remind you about ${style.bold(clean(reply.event.title))} on ${clean(reply.dueText)}${rule}.`,
      );
      lines.push(style.dim(`Starts ${when(reply.event)}. /event reminders lists your reminders.`));
      choose('Cancel this reminder', { kind: 'cancel-reminder', reminderId: reply.reminderId });
      break;
    }
    case 'reminders': {
      lines.push(...style.heading(clean(reply.heading)));
      if (reply.note) lines.push(clean(reply.note));
      if (reply.items.length === 0) lines.push(clean(reply.empty));
      for (const item of reply.items) {
        const rule = item.label ? ` · ${clean(item.label)}` : '';
        const state = item.sending ? ' · being sent now' : '';
        lines.push(
          `  ${item.position}. ${style.bold(clean(item.title))} — ${clean(item.dueText)}${rule}${state}`,
        );
        if (!item.sending)
          choose(`Cancel: ${item.title} (${item.dueText})`, {
            kind: 'cancel-reminder',
            reminderId: item.reminderId,
          });
      }
      break;
    }
    case 'reminder-due': {
      const late = reply.late ? ' (sent late: the bot was offline at the reminder time)' : '';
      lines.push(
        style.bold(
          `⏰ Reminder: ${clean(reply.event.title)} starts ${clean(reply.startText)} (${clean(reply.startsIn)})${late}`,
        ),
        '',
      );
      lines.push(...eventLines(reply.event, when, style));
      lines.push('', `Add to calendar: Google (${clean(reply.calendar.google)})`);
      lines.push(`Add to calendar: Outlook (${clean(reply.calendar.outlook)})`);
      if (reply.calendar.ics) lines.push(`Add to calendar: .ics (${clean(reply.calendar.ics)})`);
      break;
    }
    case 'subscriptions': {
      lines.push(...style.heading(clean(reply.heading)));
      if (reply.note) lines.push(clean(reply.note));
      if (reply.items.length === 0) lines.push(clean(reply.empty));
      for (const item of reply.items) {
        lines.push(`  ${item.position}. ${clean(item.what)} — ${clean(item.schedule)}`);
        lines.push(
          item.paused
            ? `     ${style.warn(`Paused: ${clean(item.paused)}`)}`
            : `     Next: ${clean(item.nextRunText)}`,
        );
      }
      break;
    }
    case 'digest': {
      lines.push(...style.heading(clean(reply.heading)));
      if (reply.items.length === 0) lines.push(clean(reply.empty));
      reply.items.forEach((hit, i) => {
        lines.push(`  ${i + 1}. ${compactHit(hit, when, style)}`);
        choose(`Open: ${hit.event.title}`, { kind: 'open', eventId: hit.event.id });
      });
      lines.push(style.dim(clean(reply.footer)));
      break;
    }
  }

  if (choices.length) {
    lines.push('', style.bold('Choices:'));
    for (const [i, c] of choices.entries()) lines.push(`  [${i + 1}] ${c.label}`);
  }
  return { text: lines.join('\n'), choices };
}

/** An event in full: title, facts, speakers, summary, numbered themes and its link. */
function eventLines(event: Event, when: (e: Event) => string, style: Styles): string[] {
  const lines = [...style.heading(clean(event.title))];
  lines.push(`${style.bold('When:')} ${when(event)}`, `${style.bold('Type:')} ${clean(event.type)}`);
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
function compactHit(hit: Hit, when: (e: Event) => string, style: Styles): string {
  const { event } = hit;
  const details = [when(event), event.type, event.location].filter((v): v is string => Boolean(v)).map(clean);
  return `${style.bold(clean(event.title))} — ${details.join(' · ')}`;
}

const DATE = 'cccc, d LLLL yyyy';
const DATE_TIME = "cccc, d LLLL yyyy 'at' HH:mm ZZZZ";

/**
 * An event's date and time. A date-only event is a calendar date and stays as written; a timed one is
 * shown in `zone` when given, else in the event's own zone (or the offset it was written with).
 */
export function formatWhen(event: Event, zone?: string): string {
  const own = event.timezone && isValidTimeZone(event.timezone) ? event.timezone : undefined;
  const at = (value: string) => {
    const dt = DateTime.fromISO(value, { setZone: true });
    const target = zone ?? own;
    return (target ? dt.setZone(target) : dt).setLocale('en-US');
  };
  if (isDateOnly(event.start)) {
    const first = DateTime.fromISO(event.start, { zone: 'UTC' }).setLocale('en-US').toFormat(DATE);
    if (!event.end || event.end === event.start || !isDateOnly(event.end)) return first;
    return `${first} – ${DateTime.fromISO(event.end, { zone: 'UTC' }).setLocale('en-US').toFormat(DATE)}`;
  }
  const start = at(event.start);
  if (!event.end || isDateOnly(event.end)) return start.toFormat(DATE_TIME);
  const end = at(event.end);
  return end.hasSame(start, 'day')
    ? `${start.toFormat(DATE_TIME)} – ${end.toFormat('HH:mm ZZZZ')}`
    : `${start.toFormat(DATE_TIME)} – ${end.toFormat(DATE_TIME)}`;
}

/**
 * Text from the archive or a user, safe to print: C0/C1 control characters (ESC starts ANSI sequences)
 * and bidirectional overrides are removed; newlines and tabs stay.
 */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

interface Styles {
  bold(s: string): string;
  dim(s: string): string;
  warn(s: string): string;
  error(s: string): string;
  heading(s: string): string[];
}

function styles(color: boolean): Styles {
  const sgr = (open: number, close: number) => (s: string) =>
    color ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  const bold = sgr(1, 22);
  return {
    bold,
    dim: sgr(2, 22),
    warn: sgr(33, 39),
    error: sgr(31, 39),
    heading: (s) =>
      color ? [`\u001b[1;4m${s}\u001b[0m`] : [s, '─'.repeat(Math.min(60, Math.max(3, [...s].length)))],
  };
}
