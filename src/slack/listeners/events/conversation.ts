import type { Logger } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { commandNeedsAdmin, commandNeedsUserZone } from '../../../core/commands/index.js';
import { inlineRunner } from '../../command-runner.js';
import { answerOrApologise } from '../../errors.js';
import { commandTextFromMessage } from '../../message-text.js';
import { rendering } from '../../rendered.js';
import type { ResponseMessage } from '../../responses.js';
import type { SlackServices } from '../../services.js';

/** The one Web API method a conversational answer needs, so tests can pass a plain fake. */
export interface PostingClient {
  chat: {
    postMessage(args: {
      channel: string;
      thread_ts?: string;
      text: string;
      blocks: KnownBlock[];
      unfurl_links?: boolean;
    }): Promise<unknown>;
  };
}

/** A message that asks the bot something: where it was written, by whom, and its raw Slack text. */
export interface Question {
  text: string;
  userId: string;
  channelId: string;
  /** Answer inside this thread; top level when absent. */
  threadTs?: string;
  /** The bot's own user id, whose mention is not part of the question. */
  botUserId?: string;
  /** The workspace it was written in (Bolt's context), for whose reminders and digests it may touch. */
  teamId?: string;
  enterpriseId?: string;
}

/**
 * Answers a message (a mention, a DM) with the same use-case `/event` runs, posted with
 * chat.postMessage into the conversation it came from. There is no response_url for a message, so
 * failures are apologised for in the same place. Links in the answer are not unfurled: the card
 * already says what the event is.
 */
export function conversationAnswerer(services: SlackServices) {
  const runner = services.runner ?? inlineRunner(services.commands);
  return async (question: Question, client: PostingClient, logger: Logger): Promise<void> => {
    const text = commandTextFromMessage(question.text, question.botUserId);
    const post = (message: Pick<ResponseMessage, 'text' | 'blocks'>) =>
      client.chat.postMessage({
        channel: question.channelId,
        ...(question.threadTs ? { thread_ts: question.threadTs } : {}),
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
      });
    const context = { surface: 'message', user: question.userId, textLength: text.length };
    await answerOrApologise({ respond: post, logger, context }, async () => {
      const workspace = services.workspaceOf?.({
        teamId: question.teamId,
        enterpriseId: question.enterpriseId,
      });
      const userZone =
        services.lookupUserZone && commandNeedsUserZone(text)
          ? await services.lookupUserZone(question.userId, workspace)
          : undefined;
      const admin =
        services.isWorkspaceAdmin && commandNeedsAdmin(text)
          ? await services.isWorkspaceAdmin(question.userId, workspace)
          : undefined;
      const result = await runner.command({
        ...(admin ? { admin } : {}),
        ...(workspace ? { workspace } : {}),
        text,
        userId: question.userId,
        userZone,
        channelId: question.channelId,
      });
      await post(rendering(result.reply));
      if (result.announce) await post(rendering(result.announce));
    });
  };
}
