import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { inlineRunner } from '../../command-runner.js';
import { SlackIds } from '../../ids.js';
import { actionResponses } from '../../responses.js';
import type { SlackServices } from '../../services.js';
import { readShareNoteState, SHARE_NOTE_ACTION } from '../../views/share-note.js';

export type ShareNoteArgs = Pick<
  SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
  'ack' | 'view' | 'body' | 'logger'
>;

/**
 * The note modal submitted: close it, then post the share with the note through the preview's
 * response_url and remove the preview. A modal submission carries no response_url of its own, so the
 * preview's travels in private_metadata (it stays valid for 30 minutes and five posts).
 */
export function shareNoteSubmitted(services: SlackServices, post: PostJson = postJson) {
  const runner = services.runner ?? inlineRunner(services.commands);
  return async ({ ack, view, body, logger }: ShareNoteArgs): Promise<void> => {
    await ack();
    const state = readShareNoteState(view.private_metadata);
    if (!state) {
      logger.warn('share note: unreadable private_metadata');
      return;
    }
    const note = view.state.values[SlackIds.blocks.shareNote]?.[SHARE_NOTE_ACTION]?.value ?? undefined;
    try {
      const result = await runner.action(
        { kind: 'share-post', eventId: state.eventId, ...(note ? { note } : {}) },
        body.user.id,
        { channelName: state.channelName },
      );
      for (const message of actionResponses(result, 'ephemeral')) await post(state.responseUrl, message);
    } catch (error) {
      logger.error(`share note: posting failed user=${body.user.id}`, error);
    }
  };
}

/** POSTs JSON to a response_url, as Bolt's respond() does. */
export type PostJson = (url: string, body: unknown) => Promise<void>;

async function postJson(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}
