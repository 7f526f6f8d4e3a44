import { cardActions, listItem } from '../commands/actions.js';
import type { CommandDeps } from '../commands/deps.js';
import { remindersCommand } from '../commands/remind-command.js';
import type { ListItem, ReminderItem, Reply, ReplyAction } from '../commands/reply.js';
import type { ArchiveFeed } from '../ports/archive-feed.js';
import { describeQuery, describeSchedule } from '../reminders/digest.js';
import { extractDateRange } from '../search/date-phrases.js';
import { formatInZone } from '../when-text.js';

/** How many events each week of the Home tab lists; more are a search away. */
const HOME_WEEK_ITEMS = 8;
/** How many recently added events the Home tab lists. */
const HOME_RECENT_ITEMS = 5;
/** How many of the user's digests the Home tab lists. */
const HOME_DIGEST_ITEMS = 8;

/** A titled run of events on the Home tab. */
export interface HomeSection {
  heading: string;
  items: ListItem[];
  empty: string;
  /** How many there were in all, when more than `items` shows. */
  total?: number;
}

/** One digest the user set up, and where it posts. */
export interface HomeDigest {
  channelId: string;
  channelName?: string;
  what: string;
  schedule: string;
  nextRunText: string;
  paused: boolean;
}

/**
 * The App Home tab of one user: plain data like a Reply, rendered by the Slack door. Upcoming events
 * offer "Remind me" (the default, a day before); reminders offer Cancel.
 */
export interface HomeModel {
  /** What the user's last click on the tab did ("Reminder set …"), shown at the top. */
  note?: string;
  weeks: HomeSection[];
  reminders: { items: ReminderItem[]; total: number; empty: string };
  digests: { items: HomeDigest[]; empty: string };
  recent: HomeSection;
}

/** What the Home tab reads: the `/event` dependencies, plus the archive's recent changes when known. */
export type HomeDeps = CommandDeps & { feed?: ArchiveFeed };

/** Builds one user's Home tab: this week and next, their reminders, their digests, what is new. */
export async function homeModel(
  userId: string,
  userZone: string | undefined,
  deps: HomeDeps,
  note?: string,
): Promise<HomeModel> {
  return {
    ...(note ? { note } : {}),
    weeks: [weekSection('this week', 'This week', deps), weekSection('next week', 'Next week', deps)],
    reminders: await myReminders(userId, userZone, deps),
    digests: await myDigests(userId, deps),
    recent: recentSection(deps),
  };
}

/** Subcommands that change what a user's Home tab shows (their reminders, the digests they set up). */
const CHANGES_HOME = new Set(['remind', 'subscribe', 'unsubscribe']);

/** True when `/event <text>` may change the asker's Home tab, so a door republishes it afterwards. */
export function commandChangesHome(text: string): boolean {
  return CHANGES_HOME.has(text.trim().split(/\s+/)[0]?.toLowerCase() ?? '');
}

/** True when a click may change the clicker's Home tab. */
export function actionChangesHome(action: ReplyAction): boolean {
  return CHANGES_HOME_ACTIONS.has(action.kind);
}

const CHANGES_HOME_ACTIONS = new Set<ReplyAction['kind']>([
  'remind',
  'cancel-reminder',
  'snooze-reminder',
  'pause-digest',
  'resume-digest',
  'stop-digest',
]);

/** The line a click on the Home tab leaves at its top: what the use-case answered, in a sentence. */
export function homeNote(reply: Reply): string | undefined {
  switch (reply.kind) {
    case 'reminder-set':
      return `${reply.note ? `${reply.note} ` : ''}Reminder set for “${reply.event.title}”: ${reply.dueText}.`;
    case 'notice':
      return reply.text;
    case 'reminders':
      return reply.note;
    default:
      return undefined;
  }
}

/** The Home tab's own offer on an upcoming event: a reminder, which then shows under "Your reminders". */
function remindOnly(item: ListItem, deps: HomeDeps): ListItem {
  const remind = cardActions(item.event, item.when, deps).find(
    (a): a is Extract<ReplyAction, { kind: 'remind' }> => a.kind === 'remind',
  );
  return { ...item, actions: remind ? [{ kind: 'remind', eventId: remind.eventId }] : [] };
}

function weekSection(phrase: string, heading: string, deps: HomeDeps): HomeSection {
  const now = deps.clock.now();
  const { range } = extractDateRange(phrase, now, deps.zone, 'future');
  const fromMs = Math.max(now.getTime(), range?.fromMs ?? now.getTime());
  const ids = deps.index.browse({ fromMs, toMs: range?.toMs }, 'asc', HOME_WEEK_ITEMS + 1, 0);
  const items = deps.index
    .events(ids.slice(0, HOME_WEEK_ITEMS))
    .map((event) => remindOnly(listItem({ event, score: 1, matched: ['start'] }, deps), deps));
  return {
    heading,
    items,
    empty: `Nothing is scheduled ${phrase}.`,
    ...(ids.length > HOME_WEEK_ITEMS ? { total: ids.length } : {}),
  };
}

async function myReminders(
  userId: string,
  userZone: string | undefined,
  deps: HomeDeps,
): Promise<HomeModel['reminders']> {
  const { reply } = await remindersCommand({ text: '', userId, userZone }, deps);
  const items = reply.kind === 'reminders' ? reply.items : [];
  return {
    items,
    total: (await deps.reminders.active(userId)).length,
    empty: 'No reminders. Pick "Remind me" on an event below, or type `/event remind <event>`.',
  };
}

async function myDigests(userId: string, deps: HomeDeps): Promise<HomeModel['digests']> {
  const subs = (await deps.subscriptions.createdBy(userId)).slice(0, HOME_DIGEST_ITEMS);
  return {
    items: subs.map((s) => ({
      channelId: s.channelId,
      ...(s.channelName ? { channelName: s.channelName } : {}),
      what: describeQuery(s.query),
      schedule: describeSchedule(s.schedule, s.zone),
      nextRunText: formatInZone(s.runMs, s.zone),
      paused: s.state === 'paused',
    })),
    empty: 'No digests. In a channel, `/event subscribe [words] [weekly <day>]` posts one there.',
  };
}

function recentSection(deps: HomeDeps): HomeSection {
  const ids = deps.feed?.recentlyChanged(HOME_RECENT_ITEMS) ?? [];
  return {
    heading: 'Recently added',
    items: deps.index.events(ids).map((event) => {
      const item = listItem({ event, score: 1, matched: [] }, deps);
      return item.when.upcoming ? remindOnly(item, deps) : { ...item, actions: [] };
    }),
    empty: 'Nothing new in the archive.',
  };
}
