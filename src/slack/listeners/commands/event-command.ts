import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runEventCommand } from '../../../core/commands/index.js';
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
  return async ({ ack, command, respond, logger }: EventCommandArgs): Promise<void> => {
    await ack();
    const context = { surface: '/event', user: command.user_id, textLength: command.text.length };
    await answerOrApologise({ respond, logger, context }, async () => {
      const result = runEventCommand({ text: command.text, userId: command.user_id }, services.commands);
      await respond(commandResponse(result));
    });
  };
}
