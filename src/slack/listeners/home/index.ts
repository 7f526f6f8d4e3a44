import type { App } from '@slack/bolt';
import { homePublisher } from '../../home-publisher.js';
import type { SlackServices } from '../../services.js';
import { appHomeOpenedListener } from '../events/app-home-opened.js';
import { HOME_ACTION_IDS, homeActions } from './home-actions.js';

/** The App Home tab: published when opened, and its buttons. */
export function register(app: App, services: SlackServices): void {
  const publish = services.publishHome ?? homePublisher(services, async () => app.client, app.logger);
  app.event('app_home_opened', appHomeOpenedListener(services, publish));
  app.action({ type: 'block_actions', action_id: HOME_ACTION_IDS }, homeActions(services, publish));
}
