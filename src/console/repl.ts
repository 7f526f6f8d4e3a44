import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandDeps } from '../core/commands/deps.js';
import { firstExample } from '../core/commands/help-command.js';
import { runAction, runEventCommand } from '../core/commands/index.js';
import type { CommandResult, Reply } from '../core/commands/reply.js';
import { eventWhen } from '../core/when-text.js';
import { type ConsoleRender, renderForConsole } from './render.js';
import { clean } from './terminal-text.js';

/** How the console looks and who it speaks for. */
export interface ReplOptions {
  /** ANSI styles: on for a terminal, off for a pipe. */
  color?: boolean;
  /** Zone to show event times in. */
  zone?: string;
  /** A terminal a person types into: show a prompt. Otherwise each input line is echoed after `> `. */
  interactive?: boolean;
  /** Who is asking, for "Shared by …". */
  userId?: string;
  /** Archive figures for the banner; the event count is read from the index when absent. */
  stats?: {
    events: number;
    first?: string;
    last?: string;
    samples?: { occurrences: number; series: number; realFirst?: string; realLast?: string };
  };
}

type Line =
  | { kind: 'empty' }
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'pick'; index: number }
  | { kind: 'foreign'; command: string }
  | { kind: 'event'; text: string };

const EVENT_PREFIX = /^\/event(?:\s+|$)/i;

/**
 * The local door: `/event …` (or the text alone) line by line, each answer rendered for a terminal,
 * and the last answer's buttons offered as numbers to type. Resolves when the input ends or on
 * `quit`; never rejects for anything typed, so a piped script always finishes.
 */
export async function runConsole(
  input: Readable,
  output: Writable,
  deps: CommandDeps,
  options: ReplOptions = {},
): Promise<void> {
  let choices: ConsoleRender['choices'] = [];
  // After "Add a note", the next line typed is the note, and the share is posted with it.
  let awaitingNote: string | undefined;
  // The console speaks for one local user in the configured zone, in a "channel" of its own.
  const asker = {
    userId: options.userId,
    userZone: options.zone,
    channelId: 'console',
    channelName: 'console',
    // Whoever has the console has the server, so they are one of the archive's editors (the gaps report).
    editor: true,
    // …and may stop any digest, as a workspace admin may.
    admin: true,
  };
  const say = (text: string) => output.write(`${text}\n`);
  const render = (reply: Reply): ConsoleRender =>
    renderForConsole(reply, { color: options.color === true, zone: options.zone });
  const show = (result: CommandResult) => {
    if (result.visibility === 'in_channel') say('(would be posted to the channel)');
    const rendered = render(result.reply);
    say(rendered.text);
    if (result.announce) say(render(result.announce).text);
    choices = rendered.choices;
  };

  say(banner(deps, options));
  const rl = createInterface({
    input,
    output: options.interactive ? output : undefined,
    terminal: options.interactive === true,
  });
  rl.on('SIGINT', () => rl.close());
  rl.setPrompt('event> ');
  if (options.interactive) rl.prompt();
  try {
    for await (const raw of rl) {
      const line = parse(raw, choices.length);
      if (line.kind !== 'empty' && !options.interactive) say(`> ${raw.trim()}`);
      if (line.kind === 'quit') break;
      try {
        if (awaitingNote && line.kind !== 'empty') {
          const eventId = awaitingNote;
          awaitingNote = undefined;
          show(
            await runAction({ kind: 'share-post', eventId, note: raw.trim() }, deps, options.userId, asker),
          );
        } else if (line.kind === 'pick' && choices[line.index].action.kind === 'share-note') {
          const action = choices[line.index].action as { eventId: string };
          awaitingNote = action.eventId;
          say('Type your note, then Enter: it is posted above the event.');
        } else if (line.kind === 'help') {
          say(CONSOLE_HELP);
          show(await runEventCommand({ text: 'help', ...asker }, deps));
        } else if (line.kind === 'pick') {
          show(await runAction(choices[line.index].action, deps, options.userId, asker));
        } else if (line.kind === 'foreign') {
          say(`Only /event works here, not ${line.command}. Type help for examples.`);
        } else if (line.kind === 'event') {
          show(await runEventCommand({ text: line.text, ...asker }, deps));
        }
      } catch (error) {
        say(`Something went wrong: ${(error as Error).message ?? String(error)}`);
      }
      if (line.kind !== 'empty') say('');
      if (options.interactive) rl.prompt();
    }
  } catch {
    // The input stream failed (closed or unreadable stdin): that is the end of the input too.
  } finally {
    rl.close();
  }
}

const CONSOLE_HELP = [
  'Type a search or any /event command (the "/event" is optional).',
  'Type the number of a choice to act on the last answer; help for this, quit to leave.',
].join('\n');

/** One input line, read in the light of how many choices the last answer offered. */
function parse(raw: string, choiceCount: number): Line {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  const lower = text.toLowerCase();
  if (lower === 'quit' || lower === 'exit') return { kind: 'quit' };
  if (lower === 'help') return { kind: 'help' };
  // A number picks a choice only when there is one by that number; otherwise "2013" is a search.
  if (/^\d{1,3}$/.test(text) && Number(text) >= 1 && Number(text) <= choiceCount) {
    return { kind: 'pick', index: Number(text) - 1 };
  }
  if (EVENT_PREFIX.test(text)) return { kind: 'event', text: text.replace(EVENT_PREFIX, '') };
  if (text.startsWith('/')) return { kind: 'foreign', command: text.split(/\s/)[0] };
  return { kind: 'event', text };
}

function banner(deps: CommandDeps, options: ReplOptions): string {
  const stats = options.stats ?? { events: deps.index.eventCount() };
  const samples = stats.samples?.occurrences ?? 0;
  const real = stats.events - samples;
  const first = stats.samples ? stats.samples.realFirst : stats.first;
  const last = stats.samples ? stats.samples.realLast : stats.last;
  const span = first && last ? `, ${first.slice(0, 4)}–${last.slice(0, 4)}` : '';
  const example = firstExample(deps);
  const nowMs = deps.clock.now().getTime();
  const [next] = deps.index.events(deps.index.browse({ fromMs: nowMs }, 'asc', 1, 0));
  return [
    `event-archive-bot console: ${real} ${real === 1 ? 'event' : 'events'} in the archive${span}.`,
    ...(samples
      ? [
          `Plus ${samples} occurrence${samples === 1 ? '' : 's'} of ${stats.samples?.series} [Sample] series (tagged "sample"), so upcoming always shows something.`,
        ]
      : []),
    // In the event's own zone, as every card shows it: the venue's clock is the one that matters.
    ...(next
      ? [`Next: ${clean(next.title).replace(/\s+/g, ' ')}, ${eventWhen(next, nowMs, deps.zone).text}`]
      : []),
    `Try: ${example}   (help for more, quit to leave)`,
    '',
  ].join('\n');
}
