import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import { register as registerActions } from './actions/index.js';
import { register as registerAdded } from './added/index.js';
import { register as registerCommands } from './commands/index.js';
import { register as registerEvents } from './events/index.js';
import { register as registerHome } from './home/index.js';
import { register as registerShortcuts } from './shortcuts/index.js';
import { register as registerViews } from './views/index.js';

/** Every Slack listener, one surface per folder. */
export function register(app: App, services: SlackServices): void {
  registerCommands(app, services);
  registerActions(app, services);
  registerEvents(app, services);
  registerHome(app, services);
  registerShortcuts(app, services);
  registerViews(app, services);
  registerAdded(app, services);
}
