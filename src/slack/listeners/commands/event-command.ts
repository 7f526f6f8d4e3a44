import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { commandNeedsEditor, commandNeedsUserZone } from '../../../core/commands/index.js';
import { inlineRunner } from '../../command-runner.js';
import { answerOrApologise } from '../../errors.js';
import { commandResponse } from '../../responses.js';
import type { SlackServices } from '../../services.js';

/** The parts of Bolt's listener arguments this listener uses, so tests can pass plain fakes. */
export type EventCommandArgs = Pick<
  SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  'ack' | 'command' | 'respond' | 'logger'
>;

/**
 * `/event <text>`. Acks first and empty: Slack shows an error if nothing answers within 3 seconds.
 * The answer goes through the response_url (`respond`), never `say()`: chat.postMessage fails in DMs
 * and in channels the bot is not a member of, and a slash command works in both.
 */
export function eventCommand(services: SlackServices) {
  const runner = services.runner ?? inlineRunner(services.commands);
  return async ({ ack, command, respond, logger }: EventCommandArgs): Promise<void> => {
    await ack();
    const context = { surface: '/event', user: command.user_id, textLength: command.text.length };
    await answerOrApologise({ respond, logger, context }, async () => {
      const workspace = services.workspaceOf?.({
        teamId: command.team_id,
        enterpriseId: command.enterprise_id,
      });
      const userZone =
        services.lookupUserZone && commandNeedsUserZone(command.text)
          ? await services.lookupUserZone(command.user_id, workspace)
          : undefined;
      const editor =
        services.isEditor && commandNeedsEditor(command.text)
          ? await services.isEditor(command.user_id, workspace)
          : undefined;
      const result = await runner.command({
        ...(editor ? { editor } : {}),
        ...(workspace ? { workspace } : {}),
        text: command.text,
        userId: command.user_id,
        userZone,
        channelId: command.channel_id,
        channelName: command.channel_name,
      });
      await respond(commandResponse(result));
    });
  };
}
