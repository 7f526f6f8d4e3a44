import { mightHoldDate } from '../search/date-phrases.js';
import { type CommandDeps, type CommandInput, depsForWorkspace } from './deps.js';
import {
  calendarCommand,
  moreLikeCommand,
  openCommand,
  readMoreCommand,
  shareByIdCommand,
  shareCancelCommand,
  shareCommand,
  sharePostCommand,
} from './event-commands.js';
import { gapsCommand, recordMiss } from './gaps-command.js';
import { helpReply } from './help-command.js';
import { lookupCommand, themeDetailCommand, themesCommand } from './lookup-command.js';
import { notice } from './notice.js';
import {
  cancelReminderAction,
  remindAction,
  remindCommand,
  remindersCommand,
  snoozeReminderAction,
} from './remind-command.js';
import type { CommandResult, PagedSubcommand, PageRequest, ReplyAction } from './reply.js';
import { searchCommand } from './search-command.js';
import { seriesDatesCommand } from './series.js';
import {
  digestAction,
  subscribeCommand,
  subscriptionsCommand,
  unsubscribeCommand,
} from './subscribe-command.js';
import { readsAsUpcoming, upcomingCommand } from './upcoming-command.js';

export type { CommandDeps, CommandInput } from './deps.js';

/** Reminder and digest subcommands wait for their store (PostgreSQL answers later); the rest answer at once. */
type Handler = (input: CommandInput, deps: CommandDeps) => CommandResult | Promise<CommandResult>;

const THEME_OF = /^(\d{1,3})\s+(?:of|in|from)\s+(.+)$/i;

/** Subcommands by their first word; anything else is a search. */
const SUBCOMMANDS: Record<string, Handler> = {
  help: (_input, deps) => ({ reply: helpReply(deps), visibility: 'ephemeral' }),
  upcoming: upcomingCommand,
  next: (input, deps) => upcomingCommand({ ...input, text: `next ${input.text}`.trim() }, deps),
  themes: themesCommand,
  theme: (input, deps) => {
    const detail = THEME_OF.exec(input.text.trim());
    return detail
      ? themeDetailCommand(Number(detail[1]), detail[2], deps)
      : lookupCommand('theme', input, deps);
  },
  speaker: (input, deps) => lookupCommand('speaker', input, deps),
  host: (input, deps) => lookupCommand('host', input, deps),
  share: shareCommand,
  remind: remindCommand,
  reminders: (input, deps) => remindersCommand(input, deps),
  subscribe: subscribeCommand,
  unsubscribe: unsubscribeCommand,
  subscriptions: subscriptionsCommand,
  gaps: gapsCommand,
  // The Slack door opens the form before this is reached; a door without forms says where to go.
  add: () =>
    notice(
      'info',
      'Events are added in Slack: `/event add` or the "Add an event" shortcut opens a form, for the archive\'s editors. Files go in the archive folder (`event-bot import`).',
    ),
};

/** The handler for each paged subcommand, so a page button runs it directly with its words and offset. */
const PAGED: Record<PagedSubcommand, Handler> = {
  search: searchCommand,
  share: shareCommand,
  upcoming: upcomingCommand,
  theme: (input, deps) => lookupCommand('theme', input, deps),
  speaker: (input, deps) => lookupCommand('speaker', input, deps),
  host: (input, deps) => lookupCommand('host', input, deps),
  reminders: (input, deps) => remindersCommand(input, deps),
  themes: themesCommand,
  subscriptions: subscriptionsCommand,
  series: seriesDatesCommand,
};

/** Subcommands whose answer depends on the asker's own time zone, so a door looks it up only for these. */
const ZONED = new Set(['remind', 'reminders', 'subscribe', 'subscriptions', 'unsubscribe']);

/** The subcommand `/event <text>` names by its first word (`search` for anything else): a label for metrics. */
export function subcommandName(text: string): string {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!first) return 'help';
  return Object.hasOwn(SUBCOMMANDS, first) ? first : 'search';
}

/** True when `/event <text>` needs `userZone` (a Slack door fetches it with users.info only then). */
export function commandNeedsUserZone(text: string): boolean {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  // Upcoming ranges and date phrases in a search are read in the asker's zone ("today" is theirs).
  return ZONED.has(first) || first === 'upcoming' || first === 'next' || mightHoldDate(text);
}

/** Subcommands only the archive's editors may use, so a door checks who asks only for these. */
const EDITORS_ONLY = new Set(['gaps']);

/** True when `/event <text>` needs `editor` (a Slack door checks EVENT_EDITORS or admin status only then). */
export function commandNeedsEditor(text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/);
  return EDITORS_ONLY.has(words[0] ?? '') && words.length === 1;
}

/** True when `/event <text>` needs `admin` (a Slack door asks users.info only then): stopping a digest. */
export function commandNeedsAdmin(text: string): boolean {
  return text.trim().split(/\s+/)[0]?.toLowerCase() === 'unsubscribe';
}

/** True when a click needs `admin`: pausing or stopping a digest someone else may have set up. */
export function actionNeedsAdmin(action: ReplyAction): boolean {
  return action.kind === 'pause-digest' || action.kind === 'stop-digest';
}

/** True for `/event add`: a door opens the add-an-event form (for editors) instead of answering. */
export function commandOpensEventForm(text: string): boolean {
  return /^\s*add\s*$/i.test(text);
}

/** True when a button's action needs `userZone`. */
export function actionNeedsUserZone(action: ReplyAction): boolean {
  return (
    action.kind === 'remind' ||
    action.kind === 'cancel-reminder' ||
    action.kind === 'snooze-reminder' ||
    ((action.kind === 'page' || action.kind === 'suggest') &&
      (action.page.subcommand === 'reminders' || action.page.subcommand === 'series'))
  );
}

/**
 * The one entry point for `/event <text>` from every door: routes by the first word and returns a
 * Reply plus who should see it. Never throws for anything a user can type.
 */
export async function runEventCommand(input: CommandInput, all: CommandDeps): Promise<CommandResult> {
  const deps = depsForWorkspace(all, input.workspace);
  const text = input.text.replace(/\s+/g, ' ').trim();
  const [first = '', ...rest] = text.split(' ');
  if (!text) return { reply: helpReply(deps), visibility: 'ephemeral' };
  const name = first.toLowerCase();
  const handler = SUBCOMMANDS[name];
  if (handler && readsAsSubcommand(name, rest, input, deps))
    return handler({ ...input, text: rest.join(' ') }, deps);
  const result = searchCommand({ ...input, text }, deps);
  if (result.reply.kind === 'no-match') await recordMiss({ ...input, text }, deps);
  return result;
}

/** Subcommands that take nothing after them; with words after, the whole text is a search ("themes of 2030"). */
const ALONE = new Set(['themes', 'reminders', 'subscriptions', 'gaps', 'add']);
/** Subcommand names that also start ordinary phrases ("share of", "host country", "theme of"). */
const PHRASE_STARTERS = new Set(['share', 'speaker', 'host', 'theme']);
/** A word after a subcommand's name that makes the two read as a phrase: "share of", "host country of". */
const LINKING = new Set(
  'of for in on and the to with at from by as a an or is are was were vs versus'.split(' '),
);

/**
 * Whether the first word is meant as the subcommand: "next steps for mediation", "share of women in
 * parliament" and "themes of the 2030 agenda" are searches, "next week" and "share mediation" are not.
 */
function readsAsSubcommand(name: string, rest: string[], input: CommandInput, deps: CommandDeps): boolean {
  if (ALONE.has(name)) return rest.length === 0;
  if (name === 'next') return readsAsUpcoming(rest.join(' '), deps.clock.now(), input.userZone ?? deps.zone);
  if (PHRASE_STARTERS.has(name)) return !LINKING.has(rest[0]?.toLowerCase() ?? '');
  return true;
}

/**
 * What a button does, decided here so the Slack listener and the console stay thin. `asker` carries the
 * clicker's zone for reminder times (and where they clicked).
 */
export async function runAction(
  action: ReplyAction,
  all: CommandDeps,
  userId?: string,
  asker: Pick<CommandInput, 'userZone' | 'channelId' | 'channelName' | 'workspace' | 'admin'> = {},
): Promise<CommandResult> {
  const deps = depsForWorkspace(all, asker.workspace);
  switch (action.kind) {
    case 'open':
      return openCommand(action.eventId, deps);
    case 'more-like':
      return moreLikeCommand(action.eventId, deps);
    case 'share':
    case 'share-note':
      // A note is asked for by the door (a modal, a prompt); until it arrives the preview stands.
      return shareByIdCommand(action.eventId, { userId, ...asker }, deps);
    case 'share-post':
      return sharePostCommand(action.eventId, action.note, userId, deps);
    case 'share-cancel':
      return shareCancelCommand();
    case 'read-more':
      return readMoreCommand(action.eventId, deps);
    case 'calendar':
      return calendarCommand(action.eventId, deps);
    case 'event-page':
      return notice('info', `The event's page: ${action.url}`);
    case 'page':
    case 'suggest':
    case 'try':
      return runPage(action.page, deps, { userId, ...asker });
    case 'theme':
      return lookupCommand('theme', { text: action.theme }, deps);
    case 'remind':
      return remindAction(action.eventId, action.when, { userId, ...asker }, deps);
    case 'cancel-reminder':
      return cancelReminderAction(action.reminderId, { userId, ...asker }, deps);
    case 'snooze-reminder':
      return snoozeReminderAction(action.reminderId, action.by, { userId, ...asker }, deps);
    case 'pause-digest':
      return digestAction('pause', action.subscriptionId, { userId, ...asker }, deps);
    case 'resume-digest':
      return digestAction('resume', action.subscriptionId, { userId, ...asker }, deps);
    case 'stop-digest':
      return digestAction('stop', action.subscriptionId, { userId, ...asker }, deps);
    case 'edit':
      return notice('info', 'Events added in Slack are edited in Slack, with the Edit button on their card.');
  }
}

/** One page of a paged subcommand, from a typed request (never a command string parsed again). */
function runPage(
  page: PageRequest,
  deps: CommandDeps,
  asker: Omit<CommandInput, 'text' | 'offset'> = {},
): CommandResult | Promise<CommandResult> {
  return PAGED[page.subcommand]({ ...asker, text: page.words, offset: page.offset }, deps);
}
