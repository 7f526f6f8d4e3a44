import type { Logger } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { type ModalClient, openSearchModal } from './open-search.js';

/**
 * What opening the search modal reads from a global shortcut or a Home tab click: both payloads carry
 * the trigger_id and who clicked.
 */
export interface OpenSearchArgs {
  ack: () => Promise<void>;
  body: { trigger_id: string; user: { id: string } };
  client: ModalClient;
  logger: Logger;
}

/**
 * The global shortcut "Search the event archive", and "Search the archive" on the Home tab: ack, then
 * open the search modal.
 */
export function searchShortcutListener(services: Pick<SlackServices, 'commands'>) {
  return async ({ ack, body, client, logger }: OpenSearchArgs): Promise<void> => {
    await ack();
    try {
      await openSearchModal(client, body.trigger_id, services);
    } catch (error) {
      logger.error(`surface=search-modal user=${body.user.id} could not open the search modal:`, error);
    }
  };
}
