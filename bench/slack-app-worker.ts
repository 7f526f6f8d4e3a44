import { readlinkSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { workerPoolRunner } from '../src/slack/command-runner.js';
import { createSlackApp, startSlackApp } from '../src/slack/create-slack-app.js';
import { createLogger } from '../src/slack/logger.js';

/** What the benchmark passes to the app it measures. */
export interface SlackAppWorkerData {
  dbPath: string;
  apiUrl: string;
  signingSecret: string;
  timezone: string;
}

/**
 * The app under benchmark, in its own thread: were it in the benchmark's thread, every search would
 * also stall the client that times the acks. Posts `{ port }` once listening; stops on any message.
 */
async function serve(data: SlackAppWorkerData): Promise<void> {
  const config = loadConfig({
    EVENT_DB: data.dbPath,
    EVENT_TIMEZONE: data.timezone,
    SLACK_BOT_TOKEN: 'xoxb-0-0-bench',
    SLACK_SIGNING_SECRET: data.signingSecret,
    SLACK_API_URL: data.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'error',
  });
  const context = createContext(config);
  // The same runner main.ts uses for a database file: searches on worker threads, acks on this one.
  const runner = workerPoolRunner(config);
  const app = createSlackApp(config, { ...context, runner }, { logger: createLogger({ level: 'error' }) });
  const { port } = await startSlackApp(app, config, { port: 0, host: '127.0.0.1' });
  parentPort?.once('message', () => {
    Promise.all([app.stop(), runner.close()])
      .catch(() => undefined)
      .finally(() => {
        context.close();
        parentPort?.close();
      });
  });
  parentPort?.postMessage({ port, tid: threadId() });
}

/** This thread's Linux thread id, so the bench can read its CPU time from /proc; undefined elsewhere. */
function threadId(): number | undefined {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return undefined;
  }
}

serve(workerData as SlackAppWorkerData).catch((error: unknown) => {
  parentPort?.postMessage({ error: String(error) });
});
