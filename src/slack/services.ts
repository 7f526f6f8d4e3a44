import type { CommandDeps } from '../core/commands/deps.js';
import type { CommandRunner } from './command-runner.js';

/** What the Slack door needs from the rest of the bot; an AppContext fits as it is. */
export interface SlackServices {
  /** The `/event` use-cases' dependencies, shared with the console and the CLI. */
  commands: CommandDeps;
  /** Where use-cases run; on this thread when absent (tests, in-memory databases). */
  runner?: CommandRunner;
  /** A user's Slack time zone (users.info), for reminders and digests; the configured zone when absent. */
  lookupUserZone?: (userId: string) => Promise<string>;
}
