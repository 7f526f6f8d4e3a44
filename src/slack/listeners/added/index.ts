import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { EDITORS_ONLY_EDIT, submitEventForm } from '../../../core/added/event-form.js';
import { isBusyError } from '../../../storage/database.js';
import { decodeActionValue, SlackIds } from '../../ids.js';
import type { SlackServices } from '../../services.js';
import { editingOf, fieldErrors, messageModal, readEventFormValues } from '../../views/event-form.js';
import { type FormClient, mayEdit, openEventForm } from './event-form.js';

const ids = SlackIds.surfaces;

/**
 * Adding and editing events from Slack: the global shortcut "Add an event", the cards' Edit button,
 * and the form's submission. (`/event add` opens the same form from the command listener.)
 */
export function register(app: App, services: SlackServices): void {
  app.shortcut(
    { type: 'shortcut', callback_id: ids.addEventShortcut },
    async ({ ack, body, client, logger }) => {
      await ack();
      const asker = {
        userId: body.user.id,
        workspace: services.workspaceOf?.({
          teamId: body.team?.id ?? undefined,
          enterpriseId: body.enterprise?.id ?? undefined,
        }),
      };
      await openEventForm(client as unknown as FormClient, body.trigger_id, services, asker, logger).catch(
        (error: unknown) =>
          logger.error(`surface=add-event user=${body.user.id} could not open the form:`, error),
      );
    },
  );
  app.action(
    { type: 'block_actions', action_id: SlackIds.actions.edit },
    async ({ ack, body, action, client, respond, logger }) => {
      await ack();
      const value = decodeActionValue((action as { value?: unknown }).value);
      const eventId = value && 'e' in value ? value.e : undefined;
      const asker = {
        userId: body.user.id,
        workspace: services.workspaceOf?.({
          teamId: body.team?.id ?? undefined,
          enterpriseId: body.enterprise?.id ?? undefined,
        }),
      };
      if (!eventId) return;
      if (!(await mayEdit(services, asker))) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: EDITORS_ONLY_EDIT });
        return;
      }
      await openEventForm(
        client as unknown as FormClient,
        body.trigger_id,
        services,
        asker,
        logger,
        eventId,
      ).catch((error: unknown) =>
        logger.error(`surface=edit-event user=${body.user.id} could not open the form:`, error),
      );
    },
  );
  app.view<ViewSubmitAction>(
    { type: 'view_submission', callback_id: ids.eventFormModal },
    eventFormSubmitted(services),
  );
}

export type EventFormArgs = Pick<SlackViewMiddlewareArgs<ViewSubmitAction>, 'ack' | 'view' | 'body'> &
  Pick<AllMiddlewareArgs, 'logger'>;

/**
 * The add/edit form submitted. The answer is the ack itself, within 3 seconds: field errors keyed by
 * block id (`response_action: errors`) to correct, or the modal turned into a confirmation. Who may is
 * checked again here, since a form can outlive a user's rights. A saved event is in the search index
 * before the ack, so it is searchable at once.
 */
function eventFormSubmitted(services: SlackServices) {
  return async ({ ack, view, body, logger }: EventFormArgs): Promise<void> => {
    const title = SlackIds.eventFields.title;
    const asker = {
      userId: body.user.id,
      workspace: services.workspaceOf?.({
        teamId: body.team?.id ?? undefined,
        enterpriseId: body.enterprise?.id ?? undefined,
      }),
    };
    if (!view.state?.values?.[title]) {
      await ack();
      return;
    }
    try {
      if (!(await mayEdit(services, asker)) || !services.added) {
        await ack({ response_action: 'errors', errors: { [title]: EDITORS_ONLY_EDIT } });
        return;
      }
      const editing = editingOf(view.private_metadata);
      const result = await submitEventForm(
        readEventFormValues(view.state.values as never),
        { ...asker, ...(editing ? { editing } : {}) },
        {
          ...services.added,
          index: services.commands.index,
          clock: services.commands.clock,
          zone: services.commands.zone,
        },
      );
      if (!result.ok) {
        await ack({ response_action: 'errors', errors: fieldErrors(result.errors) });
        return;
      }
      await ack({
        response_action: 'update',
        view: messageModal(
          result.created ? 'Event added' : 'Event saved',
          `“${result.event.title}” is in the archive now: \`/event ${result.event.title}\` finds it.`,
        ),
      });
    } catch (error) {
      logger.error(`surface=event-form user=${asker.userId} saving failed:`, error);
      await ack({
        response_action: 'errors',
        errors: {
          [title]: isBusyError(error)
            ? 'The archive is being updated right now; nothing was saved. Press Save again in a minute.'
            : 'Something went wrong; nothing was saved. Please try again.',
        },
      });
    }
  };
}
