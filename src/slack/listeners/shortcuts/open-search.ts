import type { ModalView } from '@slack/types';
import type { SlackServices } from '../../services.js';
import { searchModal } from '../../views/search-modal.js';

/** The Web API methods opening the search modal needs, so tests can pass a plain fake. */
export interface ModalClient {
  views: {
    open(args: { trigger_id: string; view: ModalView }): Promise<{ view?: { id?: string } }>;
    update(args: { view_id: string; view: ModalView }): Promise<unknown>;
  };
}

/**
 * Opens the search modal. A trigger_id expires 3 seconds after the click, so a placeholder goes up
 * first with views.open, and the filled form (the archive's event types in its menu) follows with
 * views.update on the view that opened.
 */
export async function openSearchModal(
  client: ModalClient,
  triggerId: string,
  services: Pick<SlackServices, 'commands'>,
): Promise<void> {
  const opened = await client.views.open({
    trigger_id: triggerId,
    view: searchModal({ types: [], loading: true }),
  });
  const viewId = opened.view?.id;
  if (!viewId) return;
  const types = services.commands.index.types().map((t) => t.type);
  await client.views.update({ view_id: viewId, view: searchModal({ types }) });
}
