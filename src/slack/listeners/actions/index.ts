import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { EVENT_ACTION_IDS, eventActions } from './event-actions.js';

/** Block actions: every button and menu on our cards goes to one listener. */
export function register(app: App, services: SlackServices): void {
  app.action({ type: 'block_actions', action_id: EVENT_ACTION_IDS }, eventActions(services));
}
