import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, type HTTPReceiver, type Logger, type LogLevel, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import { type AcksOwed, acksOwed } from './acks-owed.js';
import { calendarRoute } from './calendar-route.js';
import { inlineRunner } from './command-runner.js';
import { createEditorCheck, type EditorClient } from './editors.js';
import { dedupeEvents } from './event-dedupe.js';
import { homePublisher, homeRefreshingRunner } from './home-publisher.js';
import type { InFlight } from './in-flight.js';
import { register } from './listeners/index.js';
import { configSecrets, createLogger } from './logger.js';
import { metricsRoute } from './metrics.js';
import { createUserZoneLookup } from './notifier.js';
import {
  installerAuthorize,
  oauthOptions,
  registerInstallationEvents,
  workspaceClients,
  workspaceOf,
} from './oauth/index.js';
import { guardRequests, memorySeenSignatures, type SeenSignatures } from './request-guard.js';
import { limitedRunner } from './request-limits.js';
import type { SlackServices } from './services.js';
import { createUserInfoCache } from './user-info.js';

/** Where Slack posts slash commands and interactivity in HTTP mode (manifest.yml says the same). */
export const SLACK_EVENTS_PATH = '/slack/events';
/** Liveness for load balancers and orchestrators, in both HTTP and Socket Mode. */
export const HEALTH_PATH = '/healthz';

/** What a caller may supply instead of the default: main shares its logger, tests capture the lines. */
export interface SlackAppOverrides {
  logger?: Logger;
  /** Where accepted request signatures are remembered (replicas share one); this process's memory by default. */
  seenSignatures?: SeenSignatures;
  /** Wall-clock milliseconds for the replay and future-timestamp checks. */
  now?: () => number;
  /** Counts requests being handled, so a SIGTERM can wait for the answers under way. */
  inFlight?: InFlight;
  /** Counts the acks owed in HTTP mode (answers wait while any is); one with the default wait otherwise. */
  acksOwed?: AcksOwed;
}

/** Slack's requests are small (a slash command's text is at most a few KB); anything larger is refused with 413. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Every Web API call the app makes (users.info, auth.test, views…) gives up after this long, and is
 * retried at most twice within a few seconds: with Slack down, a command still answers in time instead
 * of waiting out the client's default half hour of retries.
 */
const WEB_API_TIMEOUT_MS = 2_500;
const WEB_API_RETRIES = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1_000 } as const;

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
    clientOptions: {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      timeout: WEB_API_TIMEOUT_MS,
      retryConfig: WEB_API_RETRIES,
    },
    customRoutes: [
      healthRoute(services),
      calendarRoute(services),
      ...(services.metrics ? [metricsRoute(services.metrics)] : []),
    ],
    port: config.port,
  };
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken })
      : new App({ ...common, signingSecret, endpoints: SLACK_EVENTS_PATH });
  const acks = config.mode === 'http' ? (overrides.acksOwed ?? acksOwed()) : undefined;
  if (config.mode === 'http') {
    // Bolt builds its HTTPReceiver from the options above (OAuth included); the guard goes in front of it.
    guardRequests((app as unknown as { receiver: HTTPReceiver }).receiver, {
      signingSecret: signingSecret ?? '',
      path: SLACK_EVENTS_PATH,
      bodyLimit: BODY_LIMIT_BYTES,
      seen: overrides.seenSignatures ?? memorySeenSignatures(),
      logger,
      now: overrides.now,
      acks,
    });
  }
  // First of all middleware, so it sees every request from Bolt's hand-over to its last listener's end.
  if (overrides.inFlight) app.use(overrides.inFlight.middleware);
  // A listener that throws after its ack is logged here, never left to reach the process.
  app.error(async (error) => {
    logger.error('unhandled error in a listener:', error);
  });
  // Each workspace's latest token through Bolt's installer, refreshed first when a rotating one expires.
  const authorize = installationStore ? installerAuthorize(app, installationStore) : undefined;
  const webClient = (token: string) => {
    // An installation's token, from the store: redacted exactly from now on, whatever its characters.
    if ('add' in logger && typeof logger.add === 'function') logger.add(token);
    return new webApi.WebClient(token, common.clientOptions);
  };
  // One users.info cache for the asker's zone and their admin standing: one call answers both.
  const userInfo = createUserInfoCache(
    installationStore ? workspaceClients(authorize!, webClient) : async () => app.client,
  );
  const zoneLookup = services.lookupUserZone
    ? undefined
    : createUserZoneLookup(userInfo, { fallbackZone: config.timezone, logger });
  const lookupUserZone = services.lookupUserZone ?? zoneLookup!;
  const userZoneFellBack = services.userZoneFellBack ?? zoneLookup?.fellBack;
  const editorClients = installationStore
    ? workspaceClients(authorize!, (token) => webClient(token) as unknown as EditorClient)
    : async () => app.client as unknown as EditorClient;
  const isEditor =
    services.isEditor ?? createEditorCheck(editorClients, { editors: config.editors, userInfo, logger });
  // With no editors named, the editor check is exactly "a workspace admin or owner", cached 5 minutes.
  const isWorkspaceAdmin =
    services.isWorkspaceAdmin ?? createEditorCheck(editorClients, { editors: [], userInfo, logger });
  const withZone = {
    ...services,
    lookupUserZone,
    ...(userZoneFellBack ? { userZoneFellBack } : {}),
    isEditor,
    isWorkspaceAdmin,
    ...(oauth ? { workspaceOf } : {}),
    ...(acks ? { acksOwed: acks } : {}),
  };
  const publishHome = homePublisher(
    withZone,
    installationStore ? workspaceClients(authorize!, webClient) : async () => app.client,
    logger,
  );
  const quietRunner = services.runner ?? inlineRunner(services.commands);
  // Input caps and each user's rate are checked here, before any search, whichever runner does the work.
  const runner = limitedRunner(homeRefreshingRunner(quietRunner, publishHome));
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
  listen: { port?: number; host?: string; initAttempts?: number; initBackoffMs?: number } = {},
): Promise<{ port: number }> {
  await initWithRetries(app, listen.initAttempts ?? 5, listen.initBackoffMs ?? 1000);
  if (config.mode === 'socket') {
    await app.start();
    return { port: config.port };
  }
  const port = listen.port ?? config.port;
  const server = await app.start(listen.host ? { port, host: listen.host } : port);
  return { port: (server.address() as AddressInfo).port };
}

/**
 * app.init() (auth.test) with a bounded retry budget: each failure Slack may recover from (timeouts,
 * 5xx, network) is logged with the wait before the next try; a refused token, or the last failure,
 * becomes one clear error for the caller to print before exiting.
 */
async function initWithRetries(app: App, attempts: number, backoffMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await app.init();
      return;
    } catch (error) {
      const code = (error as { data?: { error?: string }; code?: string }).data?.error;
      const retryable = code === undefined || !PERMANENT_INIT_ERRORS.has(code);
      const why = code ?? (error instanceof Error ? error.message : String(error));
      if (!retryable || attempt >= attempts) {
        throw new Error(
          retryable
            ? `Slack did not answer auth.test after ${attempts} attempts (last: ${why}); check the network and SLACK_API_URL, then start again`
            : `Slack refused the bot token (${why}); check SLACK_BOT_TOKEN`,
        );
      }
      const waitMs = backoffMs * 2 ** (attempt - 1);
      app.logger.warn(
        `auth.test failed (${why}); attempt ${attempt} of ${attempts}, retrying in ${waitMs} ms`,
      );
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** auth.test answers that no retry can change. */
const PERMANENT_INIT_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

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
