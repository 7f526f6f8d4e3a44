import { isUrlEntry } from './archive/feeds/feed-url.js';
import { formatProblem } from './archive/types.js';
import { removedFileLines } from './cli/import-command.js';
import { exitQuietlyOnClosedPipe } from './cli/io.js';
import { type Config, ConfigError, loadConfig, processEnvironment } from './config.js';
import { createConsoleNotifier } from './console/console-notifier.js';
import { runConsole } from './console/repl.js';
import {
  type AppContext,
  createContext,
  importIntoContext,
  loadConfiguredArchive,
  migrateSharedStore,
} from './context.js';
import { calendarFileUrl } from './core/commands/event-commands.js';
import type { Notifier } from './core/ports/notifier.js';
import { warmUpDateParsing } from './core/search/date-phrases.js';
import { startAddedEventsSync } from './jobs/added-events-sync.js';
import { startFeedRefreshJob } from './jobs/feed-refresh-job.js';
import {
  createReminderDispatcher,
  type DispatcherOptions,
  type JobLogger,
  type ReminderDispatcher,
} from './jobs/reminder-dispatcher.js';
import type { Redactor } from './slack/logger.js';
import { isBusyError, setBusyTimeout } from './storage/database.js';

/**
 * Composition root: config → database → archive → one door. Without Slack credentials that door is the
 * local console on stdin/stdout; with them, Slack over Socket Mode or HTTP. Resolves to an exit code,
 * or to undefined while the Slack door keeps the process running.
 */
async function main(): Promise<number | undefined> {
  let config: Config;
  try {
    config = loadConfig(processEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // Serving Slack, every line (start-up ones too) goes through the one redacting logger, as JSON when asked.
  // The console loads none of the Slack door's modules, not even its logger: a fresh console answers sooner.
  const logger =
    config.mode === 'console'
      ? undefined
      : await import('./slack/logger.js').then(({ configSecrets, createLogger }) =>
          createLogger({ level: config.logLevel, format: config.logFormat, secrets: configSecrets(config) }),
        );
  const say = (level: 'info' | 'warn', line: string) =>
    logger ? logger[level](line) : process.stderr.write(`${line}\n`);
  const context = createContext(config);
  try {
    await migrateSharedStore(context);
    const summary = await loadConfiguredArchive(context);
    for (const p of summary.problems) say('warn', formatProblem(p));
    for (const p of summary.warnings) say('warn', `warning: ${formatProblem(p)}`);
    for (const line of removedFileLines(summary)) say('info', line);
    say(
      'info',
      `event-archive-bot: loaded ${[config.archivePaths, ...config.workspaceArchives.map((w) => w.paths)].map((p) => p.join(', ')).join('; ')} (${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged)`,
    );
    if (summary.indexRepair !== 'nothing') {
      process.stderr.write(
        `event-archive-bot: the search index did not match the events; ${summary.indexRepair === 'reindexed' ? 'rebuilt it from them' : 'rebuilt its vocabulary and theme counts'}\n`,
      );
    }
    const r = summary.reminders;
    if (r.updated + r.cancelled + r.missed > 0) {
      say('info', `reminders: ${r.updated} re-timed, ${r.cancelled} cancelled, ${r.missed} missed`);
    }
  } catch (error) {
    context.close();
    throw error;
  }
  // Events added in Slack (on any replica, with PostgreSQL) join this replica's index, and follow changes.
  const addedSync = startAddedEventsSync({ ...context.added, logger: stderrLogger });
  await addedSync.sync();
  if (!logger) return openConsole(config, context);
  return serveSlack(config, context, logger);
}

async function openConsole(config: Config, context: AppContext): Promise<number> {
  const color = Boolean(process.stdout.isTTY);
  // Due reminders print in the console while it runs, as they would arrive in Slack.
  const notifier = createConsoleNotifier((text) => process.stdout.write(text), {
    color,
    zone: config.timezone,
  });
  const dispatcher = startDispatcher(config, context, notifier, stderrLogger);
  const stopFeeds = startFeeds(config, context, stderrLogger);
  try {
    await runConsole(process.stdin, process.stdout, context.commands, {
      color,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      zone: config.timezone,
      userId: 'you',
      stats: context.store.stats(),
    });
    return 0;
  } finally {
    stopFeeds();
    await dispatcher.stop();
    context.close();
  }
}

const stderrLogger: JobLogger = {
  info: () => {},
  warn: (...message) => process.stderr.write(`warn: ${message.map(String).join(' ')}\n`),
  error: (...message) => process.stderr.write(`error: ${message.map(String).join(' ')}\n`),
};

function startDispatcher(
  config: Config,
  context: AppContext,
  notifier: Notifier,
  logger: JobLogger,
  hooks: Pick<DispatcherOptions, 'onReport'> = {},
): ReminderDispatcher {
  const dispatcher = createReminderDispatcher({
    reminders: context.commands.reminders,
    subscriptions: context.commands.subscriptions,
    index: context.commands.index,
    ...(context.commands.indexFor ? { indexFor: context.commands.indexFor } : {}),
    notifier,
    clock: context.clock,
    logger,
    zone: config.timezone,
    tickMs: config.reminderTickMs,
    leaseMs: config.reminderLeaseMs,
    isBusy: isBusyError,
    leases: context.leases,
    ...hooks,
    ...(config.publicBaseUrl ? { calendarUrl: icsLink(context, config.publicBaseUrl) } : {}),
  });
  dispatcher.start();
  return dispatcher;
}

/** Calendar feed URLs in the archive are fetched again every FEED_REFRESH_MS; returns a stop function. */
function startFeeds(config: Config, context: AppContext, logger: JobLogger): () => void {
  const feeds = config.archivePaths.filter(isUrlEntry);
  if (!feeds.length) return () => {};
  const job = startFeedRefreshJob({
    feeds,
    intervalMs: config.feedRefreshMs,
    refresh: (due) => importIntoContext(context, due),
    logger,
  });
  return job.stop;
}

/** The .ics link reminder DMs carry when the bot has a public address (served by the HTTP door). */
function icsLink(context: AppContext, base: string) {
  return (eventId: string) => {
    const event = context.commands.index.events([eventId])[0];
    return event ? calendarFileUrl(base, event) : undefined;
  };
}

async function serveSlack(
  config: Config,
  context: AppContext,
  logger: Redactor,
): Promise<number | undefined> {
  // The Slack door (Bolt, its web client, Express) is most of what a start would load: only this path loads it.
  const [
    { inlineRunner, workerPoolRunner },
    { createSlackApp, HEALTH_PATH, SLACK_EVENTS_PATH, startSlackApp },
    { createNotifierClient, createSlackNotifier },
    { installationStoreOf, installerAuthorize, workspaceClients },
    { guardProcess },
    { createMetrics, METRICS_PATH },
    { createInFlight },
    { startRetentionJob },
  ] = await Promise.all([
    import('./slack/command-runner.js'),
    import('./slack/create-slack-app.js'),
    import('./slack/notifier.js'),
    import('./slack/oauth/index.js'),
    import('./slack/errors.js'),
    import('./slack/metrics.js'),
    import('./slack/in-flight.js'),
    import('./jobs/retention-job.js'),
  ]);
  const { botToken, oauth } = config.slack;
  guardProcess(logger);
  const metrics = createMetrics({ backlog: () => context.leases.backlog(context.clock.now().getTime()) });
  const inFlight = createInFlight();
  // OAuth distribution: each workspace's token comes from its installation, for requests and deliveries alike.
  const installationStore = oauth ? installationStoreOf(oauth, context.installations) : undefined;
  // Searches run on worker threads (each with its own connection) so a burst of commands never waits
  // behind each other's searches for its 3-second ack; an in-memory database cannot be shared, so it stays here.
  const runner =
    config.databasePath === ':memory:'
      ? inlineRunner(context.commands)
      : workerPoolRunner(config, { logger });
  const app = createSlackApp(
    config,
    { ...context, runner, installationStore, metrics },
    { logger, inFlight },
  );
  const notifierClient = (token: string) => {
    // An installation's token, from the store: redacted exactly from now on, whatever its characters.
    logger.add(token);
    return createNotifierClient(token, { slackApiUrl: config.slack.apiUrl, logger });
  };
  const notifier = createSlackNotifier(
    // Every post asks for the workspace's latest token (a reinstall or a rotation is used at once) through
    // Bolt's installer, which refreshes an expiring rotating token with oauth.v2.access first.
    installationStore
      ? workspaceClients(installerAuthorize(app, installationStore), notifierClient)
      : notifierClient(botToken ?? ''),
    { logger },
  );
  let dispatcher: ReminderDispatcher | undefined;
  let stopPurging: (() => void) | undefined;
  let stopFeeds: (() => void) | undefined;
  try {
    const { port } = await startSlackApp(app, config);
    logger.info(
      config.mode === 'socket'
        ? `connected over Socket Mode; GET ${HEALTH_PATH} and ${METRICS_PATH} on port ${port}`
        : `listening on port ${port}: POST ${SLACK_EVENTS_PATH}, GET ${HEALTH_PATH} and ${METRICS_PATH}`,
    );
    // Once listening, so no user's first date query on this thread (the inline runner's commands, the
    // message shortcut) pays chrono's start-up; before listening it held every start back by about 250 ms
    // of CPU, though with workers (which warm their own) most starts never parse a date here.
    warmUpDateParsing();
    // From here on the serving thread never waits for a lock: acks must not stall behind an import
    // in another process (the dispatcher's writes fail fast and are tried again next tick).
    setBusyTimeout(context.db, 0);
    dispatcher = startDispatcher(config, context, notifier, logger, { onReport: (r) => metrics.tick(r) });
    stopPurging = startRetentionJob({
      purge: (beforeMs) => context.purgeFinished(beforeMs),
      retentionDays: config.retentionDays,
      ...(context.commands.misses
        ? {
            misses: {
              purge: context.commands.misses.purge.bind(context.commands.misses),
              days: config.searchMissDays,
            },
          }
        : {}),
      clock: context.clock,
      logger,
    });
    stopFeeds = startFeeds(config, context, logger);
  } catch (error) {
    logger.error(`could not start the Slack app: ${error instanceof Error ? error.message : String(error)}`);
    await runner.close();
    context.close();
    return 1;
  }
  /**
   * A deploy's SIGTERM: stop taking requests, let the answers under way finish (at most
   * SHUTDOWN_GRACE_MS), stop the dispatcher after the posts under way and give its other claims back so
   * another replica sends them at once, then close. Exit 0: this is a clean stop.
   */
  const shutdown = async (signal: NodeJS.Signals) => {
    const graceMs = config.shutdownGraceMs;
    logger.info(
      `${signal}: stopping; ${inFlight.count()} request(s) in flight, up to ${graceMs} ms to finish`,
    );
    stopPurging?.();
    stopFeeds?.();
    const stopping = [
      app.stop().catch((error: unknown) => logger.error('stopping the Slack receiver failed:', error)),
      dispatcher?.stop({ drainMs: graceMs }),
    ];
    const idle = await inFlight.idle(graceMs);
    if (!idle) logger.warn(`${inFlight.count()} request(s) still unanswered after ${graceMs} ms; exiting`);
    await Promise.race([Promise.all(stopping), new Promise((resolve) => setTimeout(resolve, graceMs))]);
    await runner.close().catch(() => undefined);
    context.close();
    logger.info(`${signal}: stopped`);
    // Socket Mode's reconnect timers may outlive the connection; nothing is left to finish.
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('SIGTERM', (signal) => void shutdown(signal));
  return undefined;
}

exitQuietlyOnClosedPipe();
const code = await main();
if (code !== undefined) process.exitCode = code;
