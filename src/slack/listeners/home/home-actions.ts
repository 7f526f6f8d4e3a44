import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionNeedsUserZone } from '../../../core/commands/index.js';
import type { ReplyAction } from '../../../core/commands/reply.js';
import { homeNote } from '../../../core/home/home.js';
import { inlineRunner } from '../../command-runner.js';
import type { PublishHome } from '../../home-publisher.js';
import { decodeActionValue, rawActionValue, SlackIds } from '../../ids.js';
import type { SlackServices } from '../../services.js';

const ids = SlackIds.surfaces;

/** The Home tab's Remind me and Cancel buttons. */
export const HOME_ACTION_IDS = new RegExp(`^(?:${ids.homeRemind}|${ids.homeCancelReminder})$`);

/** The parts of Bolt's listener arguments this listener uses, so tests can pass plain fakes. */
export type HomeActionArgs = Pick<
  SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs,
  'ack' | 'action' | 'body' | 'logger'
> &
  Partial<Pick<AllMiddlewareArgs, 'context'>>;

/** A Home tab button as the core action it stands for, or undefined for a value that is not ours. */
function toHomeAction(actionId: string, raw: unknown): ReplyAction | undefined {
  const value = decodeActionValue(raw);
  if (!value) return undefined;
  if (actionId === ids.homeRemind && 'e' in value) return { kind: 'remind', eventId: value.e };
  if (actionId === ids.homeCancelReminder && 'r' in value)
    return { kind: 'cancel-reminder', reminderId: value.r };
  return undefined;
}

/**
 * Remind me and Cancel on the Home tab. A click on a view has no response_url, so the answer is the
 * tab itself: the use-case runs, then the tab is republished with what it said at the top.
 */
export function homeActions(services: SlackServices, publish: PublishHome) {
  const runner = services.quietRunner ?? services.runner ?? inlineRunner(services.commands);
  return async ({ ack, action, body, logger, context }: HomeActionArgs): Promise<void> => {
    await ack();
    const userId = body.user.id;
    const workspace = services.workspaceOf?.({
      teamId: context?.teamId,
      enterpriseId: context?.enterpriseId,
    });
    const replyAction = toHomeAction(action.action_id, rawActionValue(action as RawAction));
    if (!replyAction) {
      await publish(userId, {
        workspace,
        note: 'That button has expired; here is your Home tab as it is now.',
      });
      return;
    }
    try {
      const userZone =
        services.lookupUserZone && actionNeedsUserZone(replyAction)
          ? await services.lookupUserZone(userId, workspace)
          : undefined;
      const result = await runner.action(replyAction, userId, {
        userZone,
        ...(workspace ? { workspace } : {}),
      });
      await publish(userId, { workspace, note: homeNote(result.reply) });
    } catch (error) {
      logger.error(`surface=home action=${action.action_id} user=${userId} failed:`, error);
      await publish(userId, { workspace, note: 'Something went wrong; please try again.' });
    }
  };
}

type RawAction = { value?: unknown; selected_option?: { value?: unknown } | null };
