import { performance } from 'node:perf_hooks';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { EDITORS_ONLY_EDIT } from '../../../core/added/event-form.js';
import {
  commandNeedsAdmin,
  commandNeedsEditor,
  commandNeedsUserZone,
  commandOpensEventForm,
  subcommandName,
} from '../../../core/commands/index.js';
import type { CommandResult } from '../../../core/commands/reply.js';
import { inlineRunner } from '../../command-runner.js';
import { answerOrApologise } from '../../errors.js';
import { RECEIVED_AT } from '../../in-flight.js';
import type { CommandOutcome } from '../../metrics.js';
import { commandResponse, withNote, zoneFallbackNote } from '../../responses.js';
import type { SlackServices } from '../../services.js';
import { type FormClient, mayEdit, openEventForm } from '../added/event-form.js';

/** The parts of Bolt's listener arguments this listener uses, so tests can pass plain fakes. */
export type EventCommandArgs = Pick<
  SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  'ack' | 'command' | 'respond' | 'logger'
> &
  Partial<Pick<AllMiddlewareArgs, 'context' | 'client'>>;

/**
 * `/event <text>`. Acks first and empty: Slack shows an error if nothing answers within 3 seconds.
 * The answer goes through the response_url (`respond`), never `say()`: chat.postMessage fails in DMs
 * and in channels the bot is not a member of, and a slash command works in both.
 */
export function eventCommand(services: SlackServices) {
  const runner = services.runner ?? inlineRunner(services.commands);
  return async ({
    ack,
    command,
    respond,
    logger,
    context: bolt,
    client,
  }: EventCommandArgs): Promise<void> => {
    const received = Number(bolt?.[RECEIVED_AT] ?? performance.now());
    await ack();
    const ackSeconds = (performance.now() - received) / 1000;
    let outcome: CommandOutcome = 'failed';
    let answerSeconds: number | undefined;
    const context = { surface: '/event', user: command.user_id, textLength: command.text.length };
    await answerOrApologise({ respond, logger, context }, async () => {
      const workspace = services.workspaceOf?.({
        teamId: command.team_id,
        enterpriseId: command.enterprise_id,
      });
      if (commandOpensEventForm(command.text) && client) {
        // A refusal goes to the asker in the conversation; an editor gets the form (a modal needs the trigger).
        const asker = { userId: command.user_id, ...(workspace ? { workspace } : {}) };
        if (!(await mayEdit(services, asker)))
          await respond({ response_type: 'ephemeral', text: EDITORS_ONLY_EDIT });
        else
          await openEventForm(client as unknown as FormClient, command.trigger_id, services, asker, logger);
        outcome = 'answered';
        return;
      }
      // Acks first: the answer has minutes (the response_url), the acks of a burst have 3 seconds.
      await services.acksOwed?.settled();
      // The facts a command needs about its asker are independent Slack lookups: ask for them together.
      const [userZone, editor, admin] = await Promise.all([
        services.lookupUserZone && commandNeedsUserZone(command.text)
          ? services.lookupUserZone(command.user_id, workspace)
          : undefined,
        services.isEditor && commandNeedsEditor(command.text)
          ? services.isEditor(command.user_id, workspace)
          : undefined,
        services.isWorkspaceAdmin && commandNeedsAdmin(command.text)
          ? services.isWorkspaceAdmin(command.user_id, workspace)
          : undefined,
      ]);
      const result = await runner.command({
        ...(editor ? { editor } : {}),
        ...(admin ? { admin } : {}),
        ...(workspace ? { workspace } : {}),
        text: command.text,
        userId: command.user_id,
        userZone,
        channelId: command.channel_id,
        channelName: command.channel_name,
      });
      // users.info failed or was too slow: the answer is in the configured zone, and says so in one line.
      const unreachable =
        userZone !== undefined && services.userZoneFellBack?.(command.user_id, workspace) === true;
      const response = commandResponse(result);
      await respond(unreachable ? withNote(response, zoneFallbackNote(userZone)) : response);
      // Setting up a digest also tells the channel, with a message of its own everyone sees.
      if (result.announce)
        await respond({
          ...commandResponse({ reply: result.announce, visibility: 'in_channel' }),
          replace_original: false,
        });
      answerSeconds = (performance.now() - received) / 1000;
      outcome = refused(result) ? 'refused' : 'answered';
    });
    services.metrics?.command(subcommandName(command.text), outcome, { ackSeconds, answerSeconds });
  };
}

/** A warning notice instead of an answer: over a limit, too fast, or the archive busy. */
function refused(result: CommandResult): boolean {
  return result.reply.kind === 'notice' && result.reply.tone !== 'info';
}
