import { formatProblem } from './archive/types.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { runConsole } from './console/repl.js';
import { type AppContext, createContext, loadConfiguredArchive } from './context.js';
import { createSlackApp, HEALTH_PATH, SLACK_EVENTS_PATH, startSlackApp } from './slack/create-slack-app.js';
import { createLogger } from './slack/logger.js';

/**
 * Composition root: config → database → archive → one door. Without Slack credentials that door is the
 * local console on stdin/stdout; with them, Slack over Socket Mode or HTTP. Resolves to an exit code,
 * or to undefined while the Slack door keeps the process running.
 */
async function main(): Promise<number | undefined> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const context = createContext(config);
  try {
    const summary = loadConfiguredArchive(context);
    for (const p of summary.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(
      `event-archive-bot: loaded ${config.archivePaths.join(', ')} (${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged)\n`,
    );
  } catch (error) {
    context.close();
    throw error;
  }
  if (config.mode === 'console') return openConsole(config, context);
  return serveSlack(config, context);
}

async function openConsole(config: Config, context: AppContext): Promise<number> {
  try {
    await runConsole(process.stdin, process.stdout, context.commands, {
      color: Boolean(process.stdout.isTTY),
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      zone: config.timezone,
      userId: 'you',
      stats: context.store.stats(),
    });
    return 0;
  } finally {
    context.close();
  }
}

async function serveSlack(config: Config, context: AppContext): Promise<number | undefined> {
  const { signingSecret, botToken } = config.slack;
  const logger = createLogger({ level: config.logLevel, secrets: [signingSecret ?? '', botToken ?? ''] });
  const app = createSlackApp(config, context, { logger });
  try {
    const { port } = await startSlackApp(app, config);
    logger.info(
      config.mode === 'socket'
        ? `connected over Socket Mode; GET ${HEALTH_PATH} on port ${port}`
        : `listening on port ${port}: POST ${SLACK_EVENTS_PATH}, GET ${HEALTH_PATH}`,
    );
  } catch (error) {
    logger.error('could not start the Slack app:', error);
    context.close();
    return 1;
  }
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info(`${signal}: stopping`);
    app
      .stop()
      .catch((error: unknown) => logger.error('stopping the Slack app failed:', error))
      .finally(() => {
        context.close();
        // Socket Mode's reconnect timers may outlive the connection; nothing is left to finish.
        process.exit(0);
      });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return undefined;
}

const code = await main();
if (code !== undefined) process.exitCode = code;
