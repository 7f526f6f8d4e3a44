import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { directMessageListener } from './direct-message.js';
import { linkSharedListener } from './link-shared.js';
import { mentionListener } from './mention.js';

/** Events API subscriptions, as declared under `settings.event_subscriptions` in manifest.yml. */
export function register(app: App, services: SlackServices): void {
  app.event('app_mention', mentionListener(services));
  app.event('message', directMessageListener(services));
  app.event('link_shared', linkSharedListener(services));
}
