import type { CommandDeps } from '../core/commands/deps.js';
import type { AddedEventMirror, AddedEventStore } from '../core/ports/added-events.js';
import type { ArchiveFeed } from '../core/ports/archive-feed.js';
import type { Workspace } from '../core/reminders/model.js';
import type { HandledEvents } from '../storage/slack-events.js';
import type { AcksOwed } from './acks-owed.js';
import type { CommandRunner } from './command-runner.js';
import type { PublishHome } from './home-publisher.js';
import type { BotMetrics } from './metrics.js';
import type { WorkspaceInstallationStore } from './oauth/installation-store.js';

/** What the Slack door needs from the rest of the bot; an AppContext fits as it is. */
export interface SlackServices {
  /** The `/event` use-cases' dependencies, shared with the console and the CLI. */
  commands: CommandDeps;
  /** Where use-cases run; on this thread when absent (tests, in-memory databases). */
  runner?: CommandRunner;
  /** The archive's recent changes, for the App Home; the Home tab leaves "Recently added" out without it. */
  feed?: ArchiveFeed;
  /**
   * The runner without the Home tab refresh, for the tab's own buttons: they republish it themselves,
   * with a note saying what the click did, so it is published once.
   */
  quietRunner?: CommandRunner;
  /** The archive's domains whose links unfurl into event cards (config UNFURL_DOMAINS). */
  unfurlDomains?: readonly string[];
  /** Publishes a user's Home tab (built once by createSlackApp, with the right client per workspace). */
  publishHome?: PublishHome;
  /** Whether a user is a workspace admin or owner (users.info, cached briefly), who may stop any digest. */
  isWorkspaceAdmin?: (userId: string, workspace?: Workspace) => Promise<boolean>;
  /** A user's Slack time zone (users.info), for reminders and digests; the configured zone when absent. */
  lookupUserZone?: (userId: string, workspace?: Workspace) => Promise<string>;
  /** True when the user's last zone lookup could not reach Slack (the configured zone was used). */
  userZoneFellBack?: (userId: string, workspace?: Workspace) => boolean;
  /**
   * The workspace a request's state belongs to, from its team and enterprise ids: set with OAuth
   * distribution; absent, everything belongs to the single workspace.
   */
  workspaceOf?: (ids: { teamId?: string; enterpriseId?: string }) => Workspace;
  /** Events added in Slack: where they are kept, and this replica's index of them (the add/edit form). */
  added?: { store: AddedEventStore; mirror: AddedEventMirror };
  /** Whether a user is one of the archive's editors (EVENT_EDITORS, else workspace admins); nobody is when absent. */
  isEditor?: (userId: string, workspace?: Workspace) => Promise<boolean>;
  /** OAuth distribution's installations (see oauth/index.ts `installationStoreOf`); needed only then. */
  installationStore?: WorkspaceInstallationStore;
  /** Where handled event_ids are kept, so Slack's retries of an event already answered are dropped. */
  handledEvents?: HandledEvents;
  /** Prometheus metrics, served on /metrics; nothing is counted without them. */
  metrics?: BotMetrics;
  /** The acks owed to Slack (HTTP mode): commands and clicks start on their answers once none is. */
  acksOwed?: AcksOwed;
}
