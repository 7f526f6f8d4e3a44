import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, type Logger, type LogLevel, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import { inlineRunner } from './command-runner.js';
import { dedupeEvents } from './event-dedupe.js';
import { homePublisher, homeRefreshingRunner } from './home-publisher.js';
import { register } from './listeners/index.js';
import { configSecrets, createLogger } from './logger.js';
import { createUserZoneLookup } from './notifier.js';
import { oauthOptions, registerInstallationEvents, workspaceClients, workspaceOf } from './oauth/index.js';
import type { SlackServices } from './services.js';

/** Where Slack posts slash commands and interactivity in HTTP mode (manifest.yml says the same). */
export const SLACK_EVENTS_PATH = '/slack/events';
/** Liveness for load balancers and orchestrators, in both HTTP and Socket Mode. */
export const HEALTH_PATH = '/healthz';

/** What a caller may supply instead of the default: main shares its logger, tests capture the lines. */
export interface SlackAppOverrides {
  logger?: Logger;
}

/**
 * The Slack door: a Bolt App with every listener registered. Socket Mode when an app-level token is
 * configured, otherwise HTTP on {@link SLACK_EVENTS_PATH} with Bolt's signature verification (always on).
 * Initialisation is deferred so that the bot token is checked (auth.test) by {@link startSlackApp},
 * where a bad token is an error the caller can report, not an unhandled rejection at construction.
 */
export function createSlackApp(
  config: Config,
  services: SlackServices,
  overrides: SlackAppOverrides = {},
): App {
  const { botToken, appToken, signingSecret, apiUrl, oauth } = config.slack;
  if (config.mode === 'console' || (!botToken && !oauth)) {
    throw new Error('createSlackApp needs Slack credentials; without them the bot runs the local console');
  }
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets: configSecrets(config) });
  const installationStore = oauth ? services.installationStore : undefined;
  if (oauth && !installationStore) throw new Error('OAuth distribution needs services.installationStore');
  const common = {
    ...(oauth && installationStore ? oauthOptions(oauth, installationStore) : { token: botToken }),
    logger,
    // Bolt sets its level on the logger it is given; keep the one the logger already has.
    logLevel: logger.getLevel() as LogLevel,
    deferInitialization: true,
    clientOptions: apiUrl ? { slackApiUrl: apiUrl } : {},
    customRoutes: [healthRoute(services)],
    port: config.port,
  };
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken })
      : new App({ ...common, signingSecret, endpoints: SLACK_EVENTS_PATH });
  const lookupUserZone =
    services.lookupUserZone ??
    createUserZoneLookup(
      installationStore
        ? workspaceClients(installationStore, (token) => new webApi.WebClient(token, common.clientOptions))
        : app.client,
      { fallbackZone: config.timezone, logger },
    );
  const withZone = { ...services, lookupUserZone, ...(oauth ? { workspaceOf } : {}) };
  const publishHome = homePublisher(
    withZone,
    installationStore
      ? workspaceClients(installationStore, (token) => new webApi.WebClient(token, common.clientOptions))
      : async () => app.client,
    logger,
  );
  const quietRunner = services.runner ?? inlineRunner(services.commands);
  const runner = homeRefreshingRunner(quietRunner, publishHome);
  // Before every listener: a retry of an event already handled (on any replica) is dropped.
  if (services.handledEvents) app.use(dedupeEvents(services.handledEvents));
  register(app, { ...withZone, runner, quietRunner, publishHome });
  if (installationStore) registerInstallationEvents(app, installationStore, logger);
  return app;
}

/**
 * Checks the bot token with auth.test (Bolt caches the bot's ids from it), then starts receiving:
 * the HTTP server, or the Socket Mode connection plus the /healthz server on the configured port.
 * Resolves to the port the HTTP server bound, which differs from the one asked for when that was 0.
 */
export async function startSlackApp(
  app: App,
  config: Config,
  listen: { port?: number; host?: string } = {},
): Promise<{ port: number }> {
  await app.init();
  if (config.mode === 'socket') {
    await app.start();
    return { port: config.port };
  }
  const port = listen.port ?? config.port;
  const server = await app.start(listen.host ? { port, host: listen.host } : port);
  return { port: (server.address() as AddressInfo).port };
}

function healthRoute(services: SlackServices): CustomRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_req, res) => {
      let status = 200;
      let body: Record<string, unknown>;
      try {
        body = { status: 'ok', events: services.commands.index.eventCount() };
      } catch {
        status = 503;
        body = { status: 'unavailable' };
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    },
  };
}
