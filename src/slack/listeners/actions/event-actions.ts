import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionNeedsAdmin, actionNeedsUserZone } from '../../../core/commands/index.js';
import { inlineRunner } from '../../command-runner.js';
import { answerOrApologise } from '../../errors.js';
import { actionIdPattern, rawActionValue, SlackIds, toReplyAction } from '../../ids.js';
import { actionResponses, expiredButtonResponse } from '../../responses.js';
import type { SlackServices } from '../../services.js';
import { eventDetailView } from '../../views/event-detail.js';
import { shareNoteView } from '../../views/share-note.js';

const a = SlackIds.actions;

/** Every action id on our cards and lists, including the indexed `event_suggest:<n>` buttons. */
export const EVENT_ACTION_IDS = new RegExp(
  [
    a.share,
    a.remind,
    a.cancelReminder,
    a.moreLike,
    a.open,
    a.page,
    a.suggest,
    a.readMore,
    a.calendar,
    a.eventPage,
    a.sharePost,
    a.shareNote,
    a.shareCancel,
    a.themePick,
    a.helpTry,
    a.snoozeReminder,
    a.pauseDigest,
    a.resumeDigest,
    a.stopDigest,
  ]
    .map((id) => actionIdPattern(id).source)
    .join('|'),
);

/** The parts of Bolt's listener arguments this listener uses, so tests can pass plain fakes. */
export type EventActionArgs = Pick<
  SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs,
  'ack' | 'action' | 'body' | 'respond' | 'logger'
> &
  Partial<Pick<AllMiddlewareArgs, 'client'>>;

/**
 * A click on any of our buttons or the "Remind me" menu: ack, decode the value back into a core action,
 * run it, and answer. Most answers go through the click's response_url (see `actionResponses`: a click
 * on a channel message, a digest or a shared card, is answered privately and never rewrites it).
 * "Read more" and "Add a note" open a modal instead, within the click's 3-second trigger. URL buttons
 * (Event page, calendar links) are only acknowledged. Values come from the network, so anything
 * unreadable gets "That button has expired" rather than a guess.
 */
export function eventActions(services: SlackServices) {
  const runner = services.runner ?? inlineRunner(services.commands);
  return async ({ ack, action, body, respond, logger, client }: EventActionArgs): Promise<void> => {
    await ack();
    if (action.action_id.replace(/:\d+$/, '') === a.eventPage) return;
    const context = { surface: 'action', actionId: action.action_id, user: body.user.id };
    await answerOrApologise({ respond, logger, context }, async () => {
      const replyAction = toReplyAction(action.action_id, rawActionValue(action as RawAction));
      if (!replyAction) {
        await respond(expiredButtonResponse());
        return;
      }
      const workspace = services.workspaceOf?.({
        teamId: body.user.team_id ?? body.team?.id,
        enterpriseId: body.enterprise?.id,
      });
      const channel = (body as { channel?: { id?: string; name?: string } }).channel;
      // Only a message Slack calls ephemeral is ours alone to rewrite; a channel message, a digest, a
      // shared card or a mention's answer in a public thread (or a container that does not say) is
      // answered privately and left as it is.
      const from = body.container?.is_ephemeral === true ? 'ephemeral' : 'channel';
      if (replyAction.kind === 'share-note' && client) {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: shareNoteView({
            eventId: replyAction.eventId,
            responseUrl: body.response_url,
            channelName: channel?.name,
          }),
        });
        return;
      }
      // Acks first (see AcksOwed); "Read more" opens a modal, whose trigger lasts 3 seconds: it goes at once.
      if (replyAction.kind !== 'read-more') await services.acksOwed?.settled();
      const userZone =
        services.lookupUserZone && actionNeedsUserZone(replyAction)
          ? await services.lookupUserZone(body.user.id, workspace)
          : undefined;
      const admin =
        services.isWorkspaceAdmin && actionNeedsAdmin(replyAction)
          ? await services.isWorkspaceAdmin(body.user.id, workspace)
          : undefined;
      const result = await runner.action(replyAction, body.user.id, {
        ...(workspace ? { workspace } : {}),
        ...(admin ? { admin } : {}),
        userZone,
        channelId: channel?.id,
        channelName: channel?.name,
      });
      if (result.reply.kind === 'event-detail' && client) {
        await client.views.open({ trigger_id: body.trigger_id, view: eventDetailView(result.reply) });
        return;
      }
      const keep = replyAction.kind === 'try' || replyAction.kind === 'theme';
      for (const message of actionResponses(result, from, keep)) await respond(message);
    });
  };
}

/** Buttons carry `value`, menus `selected_option`; other element types carry neither. */
type RawAction = { value?: unknown; selected_option?: { value?: unknown } | null };
