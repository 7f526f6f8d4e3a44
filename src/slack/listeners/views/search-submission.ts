import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { searchByForm } from '../../../core/shortcuts/search-form.js';
import { SlackIds } from '../../ids.js';
import type { SlackServices } from '../../services.js';
import { readSearchForm, searchModal } from '../../views/search-modal.js';

/** The parts of Bolt's view submission arguments this listener uses, so tests can pass plain fakes. */
export type SearchSubmissionArgs = Pick<SlackViewMiddlewareArgs<ViewSubmitAction>, 'ack' | 'view'> &
  Pick<AllMiddlewareArgs, 'logger'>;

/**
 * Search (or Search again) in the search modal: the answer is the ack itself, within Slack's 3
 * seconds: `response_action: errors` keyed by block id for a field to correct, or `update` with the
 * same form and its results, so the modal stays open on what was asked.
 */
export function searchSubmission(services: SlackServices) {
  return async ({ ack, view, logger }: SearchSubmissionArgs): Promise<void> => {
    const form = readSearchForm(view.state.values as never);
    try {
      const result = searchByForm(form, services.commands);
      if (!result.ok) {
        const errors = Object.fromEntries(
          Object.entries(result.errors).map(([field, message]) => [
            SlackIds.searchFields[field as keyof typeof SlackIds.searchFields],
            message,
          ]),
        );
        await ack({ response_action: 'errors', errors });
        return;
      }
      const types = services.commands.index.types().map((t) => t.type);
      await ack({ response_action: 'update', view: searchModal({ types, form, results: result }) });
    } catch (error) {
      logger.error('surface=search-modal failed:', error);
      await ack({
        response_action: 'errors',
        errors: { [SlackIds.searchFields.words]: 'Something went wrong; please try again.' },
      });
    }
  };
}
