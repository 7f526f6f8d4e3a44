import type { CommandDeps } from '../core/commands/deps.js';

/** What the Slack door needs from the rest of the bot; an AppContext fits as it is. */
export interface SlackServices {
  /** The `/event` use-cases' dependencies, shared with the console and the CLI. */
  commands: CommandDeps;
}
