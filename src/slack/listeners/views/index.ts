import type { App, ViewSubmitAction } from '@slack/bolt';
import { SlackIds } from '../../ids.js';
import type { SlackServices } from '../../services.js';
import { searchSubmission } from './search-submission.js';
import { shareNoteSubmitted } from './share-note.js';

/** Modal submissions, by callback_id: the search modal, and the note of a share. */
export function register(app: App, services: SlackServices): void {
  app.view<ViewSubmitAction>(
    { type: 'view_submission', callback_id: SlackIds.surfaces.searchModal },
    searchSubmission(services),
  );
  app.view<ViewSubmitAction>(
    { type: 'view_submission', callback_id: SlackIds.views.shareNote },
    shareNoteSubmitted(services),
  );
}
