import type { App, Logger } from '@slack/bolt';
import { loadConfig } from '../../src/config.js';
import { type AppContext, createContext, loadConfiguredArchive } from '../../src/context.js';
import { createSlackApp, startSlackApp } from '../../src/slack/create-slack-app.js';
import { createLogger } from '../../src/slack/logger.js';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { fixedClock } from './context.js';
import { RELEVANCE_ARCHIVE, RELEVANCE_NOW } from './search.js';

/** Slack's documented example signing secret ("Verifying requests from Slack"); the test apps use it too. */
export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const TEST_BOT_TOKEN = 'xoxb-0000-1111-testtoken';

/**
 * A context configured for the HTTP door against the fake Slack: the relevance archive in memory, a
 * fixed clock, and the Web API at the fake's address so nothing reaches slack.com.
 */
export async function slackTestContext(fake: FakeSlack): Promise<AppContext> {
  const config = loadConfig({
    EVENT_DB: ':memory:',
    EVENT_ARCHIVE: RELEVANCE_ARCHIVE,
    EVENT_TIMEZONE: 'America/New_York',
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'warn',
    UNFURL_DOMAINS: 'ipinst.org',
  });
  const context = createContext(config, { clock: fixedClock(RELEVANCE_NOW) });
  await loadConfiguredArchive(context);
  return context;
}

/** A Bolt logger that keeps its lines for assertions instead of printing them. */
export function memoryLogger(level: 'debug' | 'info' | 'warn' | 'error' = 'warn') {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level, write: (line) => lines.push(line) }) };
}

/** The HTTP door on an ephemeral 127.0.0.1 port against a fresh fake Slack, and how to stop both. */
export interface TestHttpApp {
  fake: FakeSlack;
  context: AppContext;
  app: App;
  base: string;
  stop(): Promise<void>;
}

export async function startTestHttpApp(logger: Logger): Promise<TestHttpApp> {
  const fake = await startFakeSlack();
  const context = await slackTestContext(fake);
  const app = createSlackApp(context.config, context, { logger });
  const { port } = await startSlackApp(app, context.config, { port: 0, host: '127.0.0.1' });
  return {
    fake,
    context,
    app,
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.stop();
      context.close();
      await fake.close();
    },
  };
}

/** The real App (initialised against a fresh fake Slack) for tests that feed it `app.processEvent`. */
export async function startProcessEventApp(logger: Logger): Promise<TestHttpApp> {
  const fake = await startFakeSlack();
  const context = await slackTestContext(fake);
  const app = createSlackApp(context.config, context, { logger });
  await app.init();
  return {
    fake,
    context,
    app,
    base: '',
    stop: async () => {
      context.close();
      await fake.close();
    },
  };
}
