import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { mentionedEventsCommand } from '../../../core/shortcuts/mentioned-events.js';
import { answerOrApologise } from '../../errors.js';
import { plainMessageText } from '../../message-text.js';
import { commandResponse } from '../../responses.js';
import type { SlackServices } from '../../services.js';

/** The parts of Bolt's message shortcut arguments this listener uses, so tests can pass plain fakes. */
export type MentionedShortcutArgs = Pick<
  SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs,
  'ack' | 'shortcut' | 'respond' | 'logger'
>;

/**
 * The message shortcut "Find events this message mentions": reads the message (as plain words, so
 * its mentions and links are never echoed as markup) and answers only the clicker, in the
 * conversation, through the shortcut's response_url: the best match as a card with Share and
 * Remind me, which the card listener then handles like any other.
 */
export function mentionedShortcutListener(services: SlackServices) {
  return async ({ ack, shortcut, respond, logger }: MentionedShortcutArgs): Promise<void> => {
    await ack();
    const text = plainMessageText(shortcut.message.text ?? '');
    const context = { surface: 'message-shortcut', user: shortcut.user.id, textLength: text.length };
    await answerOrApologise({ respond, logger, context }, async () => {
      await respond(commandResponse(mentionedEventsCommand(text, services.commands)));
    });
  };
}
