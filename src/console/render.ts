import type { Reply, ReplyAction } from '../core/commands/reply.js';
import { gapsSections } from '../core/gaps/gaps-text.js';
import { isValidTimeZone } from '../core/time.js';
import { type EventWhen, eventWhen } from '../core/when-text.js';
import { choiceLabel } from './choice-labels.js';
import { cardLines, compactItem, eventLines, whenText } from './event-lines.js';
import { clean, styles } from './terminal-text.js';

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
  const when = (w: EventWhen) => whenText(w, zone);
  const lines: string[] = [];
  const choices: ConsoleRender['choices'] = [];
  const choose = (action: ReplyAction, about?: string) =>
    choices.push({ label: clean(choiceLabel(action, about)), action });
  const chooseAll = (actions: ReplyAction[], about?: string) => {
    for (const action of actions) choose(action, about);
  };

  switch (reply.kind) {
    case 'event': {
      const { event } = reply;
      if (reply.sharedBy !== undefined)
        lines.push(style.dim(`${clean(reply.sharedBy) || 'Someone'} shared an event (${SHARE_NOTE}):`));
      if (reply.note) lines.push(`“${clean(reply.note)}”`);
      if (reply.heading) lines.push(style.dim(clean(reply.heading)), '');
      lines.push(...cardLines(event, when(reply.when), style));
      if (reply.related) lines.push(style.dim(clean(reply.related)));
      const card = reply.actions.filter((a) => a.kind !== 'page');
      chooseAll(card, 'card');
      if (reply.more.length) {
        lines.push('', style.bold('More matches:'));
        for (const item of reply.more) {
          lines.push(`  - ${compactItem(item, when, style)}`);
          chooseAll(item.actions, item.event.title);
        }
      }
      chooseAll(reply.actions.filter((a) => a.kind === 'page'));
      break;
    }
    case 'list': {
      lines.push(...style.heading(clean(reply.heading)));
      if (reply.items.length === 0) lines.push(clean(reply.empty));
      reply.items.forEach((item, i) => {
        lines.push(`  ${i + 1}. ${compactItem(item, when, style)}`);
        chooseAll(item.actions, item.event.title);
      });
      chooseAll(reply.actions);
      break;
    }
    case 'themes': {
      lines.push(...style.heading(clean(reply.heading)));
      if (reply.themes.length === 0) lines.push('No themes in the archive yet.');
      reply.themes.forEach((t, i) => {
        lines.push(
          `  ${reply.position.offset + i + 1}. ${style.bold(clean(t.title))} — ${t.count} ${t.count === 1 ? 'event' : 'events'}`,
        );
        choose(t.action);
      });
      if (reply.total > reply.themes.length)
        lines.push(
          style.dim(
            `Themes ${reply.position.offset + 1}–${reply.position.offset + reply.themes.length} of ${reply.total}.`,
          ),
        );
      chooseAll(reply.actions);
      break;
    }
    case 'theme-detail': {
      const { event, index } = reply;
      const theme = event.themes[index];
      if (!theme) {
        lines.push(`That theme is no longer listed for ${clean(event.title)} (${when(reply.when)}).`);
      } else {
        lines.push(...style.heading(`${index + 1}. ${clean(theme.title)}`));
        lines.push(
          style.dim(
            `Key theme ${index + 1} of ${event.themes.length} · ${clean(event.title)} · ${when(reply.when)}`,
          ),
        );
        lines.push('', theme.summary ? clean(theme.summary) : 'No summary for this theme.');
      }
      chooseAll(reply.actions, 'event');
      break;
    }
    case 'people': {
      lines.push(...style.heading(clean(reply.heading)));
      reply.people.forEach((person, i) => {
        const role = person.role ? ` · ${clean(person.role)}` : '';
        lines.push(
          `  ${i + 1}. ${style.bold(clean(person.name))}${role} · ${person.count} ${person.count === 1 ? 'event' : 'events'}`,
        );
        choose(person.action);
      });
      if (reply.note) lines.push(style.dim(clean(reply.note)));
      break;
    }
    case 'no-match': {
      const query = clean(reply.query).trim();
      lines.push(query ? `No events match "${query}".` : 'No events match that.');
      const suggestions = reply.actions.flatMap((a) => (a.kind === 'suggest' ? [clean(a.page.words)] : []));
      if (suggestions.length) lines.push(`Did you mean: ${suggestions.join(', ')}?`);
      chooseAll(reply.actions);
      if (reply.hint) lines.push(style.dim(clean(reply.hint)));
      break;
    }
    case 'help': {
      lines.push(...style.heading('How to use /event'));
      if (reply.problem) lines.push(style.warn(clean(reply.problem)), '');
      for (const part of reply.sections) {
        lines.push('', style.bold(clean(part.title)));
        for (const ex of part.examples) {
          lines.push(`  ${style.bold(clean(ex.command))} — ${clean(ex.description)}`);
          if (ex.try) choose(ex.try);
        }
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
      lines.push(style.dim(`Starts ${when(reply.when)}. /event reminders lists your reminders.`));
      chooseAll(reply.actions, 'this reminder');
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
          `  ${item.position}. ${style.bold(clean(item.title))} — reminder ${clean(item.dueText)}${rule}${state}`,
        );
        if (item.eventWhen) lines.push(`     Event: ${when(item.eventWhen)}`);
        for (const action of item.actions) {
          if (action.kind !== 'snooze-reminder') choose(action, `${item.title} (${item.dueText})`);
          else for (const by of action.choices ?? []) choose({ ...action, by }, item.title);
        }
      }
      chooseAll(reply.actions);
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
      lines.push(...eventLines(reply.event, when(eventWhen(reply.event, Number.NEGATIVE_INFINITY)), style));
      if (reply.related) lines.push(style.dim(clean(reply.related)));
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
        chooseAll(item.actions, item.what);
      }
      break;
    }
    case 'event-detail': {
      lines.push(...eventLines(reply.event, when(reply.when), style));
      chooseAll(reply.actions, 'card');
      break;
    }
    case 'calendar': {
      lines.push(`Add ${style.bold(clean(reply.event.title))} to your calendar (${when(reply.when)}):`);
      lines.push(`  Google Calendar: ${clean(reply.links.google)}`);
      lines.push(`  Outlook: ${clean(reply.links.outlook)}`);
      if (reply.links.ics) lines.push(`  .ics file: ${clean(reply.links.ics)}`);
      break;
    }
    case 'share-preview': {
      lines.push(
        style.dim(
          `Preview (only you see this): this is what would be posted${reply.channelName ? ` to #${clean(reply.channelName)}` : ''}.`,
        ),
        '',
      );
      const card = renderForConsole(reply.card, options);
      lines.push(card.text.replace(/\n\nChoices:[\s\S]*$/, ''));
      chooseAll(reply.actions, reply.channelName ? `#${reply.channelName}` : undefined);
      break;
    }
    case 'dismiss': {
      lines.push('Cancelled.');
      break;
    }
    case 'gaps': {
      lines.push(...style.heading('Gaps in the archive'));
      for (const part of gapsSections(reply.report)) {
        lines.push('', style.bold(part.title));
        lines.push(...part.lines.map((line) => `  ${clean(line)}`));
      }
      break;
    }
    case 'digest-set-up': {
      lines.push(
        style.dim(
          `(posted to the channel) ${clean(reply.createdBy)} ${reply.resumed ? 'resumed' : 'set up'} a digest here: ${clean(reply.what)}, ${clean(reply.schedule)}. First one ${clean(reply.firstText)}.`,
        ),
      );
      break;
    }
    case 'digest-denied': {
      lines.push(
        `Only ${clean(reply.createdBy)}, who set up the digest of ${clean(reply.what)}, or a workspace admin can ${reply.verb} it.`,
      );
      break;
    }
    case 'digest': {
      lines.push(...style.heading(clean(reply.heading)));
      if (reply.items.length === 0) lines.push(clean(reply.empty));
      reply.items.forEach((item, i) => {
        lines.push(`  ${i + 1}. ${compactItem(item, when, style)}`);
        chooseAll(item.actions, item.event.title);
      });
      chooseAll(reply.actions ?? []);
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
