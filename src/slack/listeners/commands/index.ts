import type { App } from '@slack/bolt';
import type { SlackServices } from '../../services.js';
import { eventCommand } from './event-command.js';

/** Slash commands: `/event`, as declared in manifest.yml. */
export function register(app: App, services: SlackServices): void {
  app.command('/event', eventCommand(services));
}
