import type { Logger } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { EDITORS_ONLY_EDIT, formOfEvent } from '../../../core/added/event-form.js';
import type { Workspace } from '../../../core/reminders/model.js';
import type { SlackServices } from '../../services.js';
import { eventFormView, messageModal } from '../../views/event-form.js';

/** The Web API methods the add/edit modal needs, so tests can pass a plain fake. */
export interface FormClient {
  views: {
    open(args: { trigger_id: string; view: ModalView }): Promise<{ view?: { id?: string } }>;
    update(args: { view_id: string; view: ModalView }): Promise<unknown>;
  };
}

/** Who is asking, as every door of this surface reads it from its payload. */
export interface FormAsker {
  userId: string;
  workspace?: Workspace;
}

/** True when the asker may add and edit events (EVENT_EDITORS, else workspace admins). */
export async function mayEdit(services: SlackServices, asker: FormAsker): Promise<boolean> {
  return services.isEditor ? services.isEditor(asker.userId, asker.workspace) : false;
}

/**
 * Opens the add (or edit) form. A trigger_id lasts 3 seconds, and asking Slack whether someone is an
 * admin may take one of them, so a placeholder opens first; the form (or a refusal saying who may)
 * replaces it with views.update.
 */
export async function openEventForm(
  client: FormClient,
  triggerId: string,
  services: SlackServices,
  asker: FormAsker,
  logger: Logger,
  editing?: string,
): Promise<void> {
  const opened = await client.views.open({
    trigger_id: triggerId,
    view: messageModal(editing ? 'Edit event' : 'Add an event', 'Opening the form…'),
  });
  const viewId = opened.view?.id;
  if (!viewId) return;
  const view = await formFor(services, asker, editing).catch((error: unknown) => {
    logger.error(`surface=event-form user=${asker.userId} could not build the form:`, error);
    return messageModal('Add an event', 'Something went wrong opening the form; please try again.');
  });
  await client.views.update({ view_id: viewId, view });
}

async function formFor(services: SlackServices, asker: FormAsker, editing?: string): Promise<ModalView> {
  const zone = services.commands.zone;
  if (!(await mayEdit(services, asker))) return messageModal('Add an event', EDITORS_ONLY_EDIT);
  if (!editing) return eventFormView({ zone });
  const added = await services.added?.store.get(editing);
  if (!added)
    return messageModal(
      'Edit event',
      'Only events added in Slack can be edited here; fix others at their source file.',
    );
  return eventFormView({ zone, editing, form: formOfEvent(added.event) });
}
