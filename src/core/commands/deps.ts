import type { AddedEventMirror } from '../ports/added-events.js';
import type { ArchiveAudit } from '../ports/archive-audit.js';
import type { ReminderRepository, SubscriptionRepository } from '../ports/reminders.js';
import type { SearchIndex } from '../ports/search.js';
import type { SearchMissLog } from '../ports/search-misses.js';
import type { Workspace } from '../reminders/model.js';
import type { Clock } from '../time.js';

/** What every `/event` use-case may use; passed in by each door. */
export interface CommandDeps {
  /** The default archive's index: what every workspace searches unless {@link indexFor} says otherwise. */
  index: SearchIndex;
  /** The archive a workspace sees (WORKSPACE_ARCHIVES); the default `index` when absent or unmapped. */
  indexFor?: (workspace: Workspace) => SearchIndex;
  clock: Clock;
  /** The configured zone for date phrases and "upcoming" when the user's own is unknown. */
  zone: string;
  /** Personal reminders (and the notices about them). */
  reminders: ReminderRepository;
  /** Channel digest subscriptions. */
  subscriptions: SubscriptionRepository;
  /** Searches that found nothing (query text only), for the gaps report. */
  misses?: SearchMissLog;
  /** The archive's whole-record checks (missing fields, duplicates), for the gaps report. */
  audit?: ArchiveAudit;
  /** Who added an event in Slack (this replica's mirror of the Slack-added events). */
  added?: Pick<AddedEventMirror, 'addedBy'>;
  /** How many days misses are kept (SEARCH_MISS_DAYS). */
  missDays?: number;
  /** The bot's public HTTP address, when it has one: "Add to calendar" then links a real .ics file. */
  publicBaseUrl?: string;
}

/** One `/event` invocation: the text after the command, and paging state from a button. */
export interface CommandInput {
  text: string;
  offset?: number;
  /** Who asked, for "Shared by" and reminders; opaque to core. */
  userId?: string;
  /** The asker's own IANA zone (their Slack profile's `tz`), for reminder times; `zone` when absent. */
  userZone?: string;
  /** Where the command was typed, for channel digests. */
  channelId?: string;
  channelName?: string;
  /** Whose reminders and digests these are; the single workspace's when absent. */
  workspace?: Workspace;
  /** True when the door has checked that the asker is one of the archive's editors (EVENT_EDITORS, else admins). */
  editor?: boolean;
  /** True when the door has checked that the asker is a workspace admin or owner (who may stop any digest). */
  admin?: boolean;
}

/**
 * The deps narrowed to one workspace: its reminders and subscriptions, and the archive it sees, so no
 * use-case can see another workspace's.
 */
export function depsForWorkspace(deps: CommandDeps, workspace: Workspace | undefined): CommandDeps {
  if (!workspace) return deps;
  return {
    ...deps,
    index: deps.indexFor?.(workspace) ?? deps.index,
    reminders: deps.reminders.forWorkspace(workspace),
    subscriptions: deps.subscriptions.forWorkspace(workspace),
  };
}

/** How many matches each reply shows: decided here, for every door. */
/** A search card shows the best match and up to this many more (a page of a search is one more than this). */
export const MORE_MATCHES = 4;
/** Lists (upcoming, a theme's events, more like this, the share picker) show this many items a page. */
export const LIST_PAGE = 8;
/** `/event themes` lists this many themes a page. */
export const THEMES_PAGE = 15;
/** `/event reminders` lists this many a page. */
export const REMINDERS_PAGE = 10;
/** A channel digest lists at most this many events. */
export const DIGEST_ITEMS = 20;
/** "Did you mean" offers at most this many suggestions (five fit one row of buttons). */
export const MAX_SUGGESTIONS = 5;
