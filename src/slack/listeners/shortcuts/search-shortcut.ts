import type {
  AllMiddlewareArgs,
  BlockAction,
  GlobalShortcut,
  SlackActionMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
} from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { type ModalClient, openSearchModal } from './open-search.js';

/** The parts of Bolt's shortcut arguments this listener uses, so tests can pass plain fakes. */
export type SearchShortcutArgs = Pick<SlackShortcutMiddlewareArgs<GlobalShortcut>, 'ack' | 'shortcut'> &
  Pick<AllMiddlewareArgs, 'logger'> & { client: ModalClient };

/** The global shortcut "Search the event archive": ack, then open the search modal. */
export function searchShortcutListener(services: SlackServices) {
  return async ({ ack, shortcut, client, logger }: SearchShortcutArgs): Promise<void> => {
    await ack();
    try {
      await openSearchModal(client, shortcut.trigger_id, services);
    } catch (error) {
      logger.error(`surface=shortcut user=${shortcut.user.id} could not open the search modal:`, error);
    }
  };
}

/** The parts of a Home tab click this listener uses. */
export type HomeSearchArgs = Pick<SlackActionMiddlewareArgs<BlockAction>, 'ack' | 'body'> &
  Pick<AllMiddlewareArgs, 'logger'> & { client: ModalClient };

/** "Search the archive" on the Home tab opens the same modal. */
export function homeSearchListener(services: SlackServices) {
  return async ({ ack, body, client, logger }: HomeSearchArgs): Promise<void> => {
    await ack();
    try {
      await openSearchModal(client, body.trigger_id, services);
    } catch (error) {
      logger.error(`surface=home user=${body.user.id} could not open the search modal:`, error);
    }
  };
}
