import type { App } from '@slack/bolt';
import { SlackIds } from '../../ids.js';
import type { SlackServices } from '../../services.js';
import { mentionedShortcutListener } from './mentioned-shortcut.js';
import { searchShortcutListener } from './search-shortcut.js';

const ids = SlackIds.surfaces;

/** Shortcuts, as declared under `features.shortcuts` in manifest.yml, and the Home tab's search button. */
export function register(app: App, services: SlackServices): void {
  app.shortcut({ type: 'shortcut', callback_id: ids.searchShortcut }, searchShortcutListener(services));
  app.shortcut(
    { type: 'message_action', callback_id: ids.mentionedShortcut },
    mentionedShortcutListener(services),
  );
  app.action({ type: 'block_actions', action_id: ids.homeSearch }, searchShortcutListener(services));
}
