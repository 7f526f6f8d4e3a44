import type { Logger } from '@slack/bolt';
import { depsForWorkspace } from '../core/commands/deps.js';
import { actionChangesHome, commandChangesHome, homeModel } from '../core/home/home.js';
import type { Workspace } from '../core/reminders/model.js';
import type { CommandRunner } from './command-runner.js';
import type { SlackServices } from './services.js';
import { type HomeView, homeView } from './views/home.js';

/** The one Web API method publishing a Home tab needs, so tests can pass a plain fake. */
export interface PublishingClient {
  views: { publish(args: { user_id: string; view: HomeView }): Promise<unknown> };
}

/** Publishes a user's Home tab; `note` says what their last click there did. */
export type PublishHome = (
  userId: string,
  options?: { workspace?: Workspace; note?: string },
) => Promise<void>;

/**
 * Builds and publishes one user's Home tab with views.publish, from that workspace's reminders and
 * digests, with that workspace's client. A failure is logged and goes no further: a stale Home tab
 * must never turn a command that worked into an error.
 */
export function homePublisher(
  services: SlackServices,
  clientFor: (workspace: Workspace | undefined) => Promise<PublishingClient>,
  logger: Logger,
): PublishHome {
  return async (userId, { workspace, note } = {}) => {
    try {
      const zone = services.lookupUserZone ? await services.lookupUserZone(userId, workspace) : undefined;
      const deps = { ...depsForWorkspace(services.commands, workspace), feed: services.feed };
      const client = await clientFor(workspace);
      await client.views.publish({
        user_id: userId,
        view: homeView(await homeModel(userId, zone, deps, note)),
      });
    } catch (error) {
      logger.warn(`surface=home user=${userId} could not publish the Home tab:`, error);
    }
  };
}

/**
 * A runner that republishes the asker's Home tab after anything that changed their reminders or the
 * digests they set up, from any surface (`/event remind`, a card's Remind me, a DM). The answer is
 * returned first; the publish runs behind it.
 */
export function homeRefreshingRunner(runner: CommandRunner, publish: PublishHome): CommandRunner {
  return {
    command: async (input) => {
      const result = await runner.command(input);
      if (input.userId && commandChangesHome(input.text))
        void publish(input.userId, { workspace: input.workspace });
      return result;
    },
    action: async (action, userId, asker) => {
      const result = await runner.action(action, userId, asker);
      if (actionChangesHome(action)) void publish(userId, { workspace: asker?.workspace });
      return result;
    },
    close: () => runner.close(),
  };
}
