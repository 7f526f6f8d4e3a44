import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SLACK_EVENTS_PATH } from '../src/slack/create-slack-app.js';
import {
  commandBody,
  postSigned,
  type SlackPostResult,
  slashCommand,
  startFakeSlack,
} from '../support/fake-slack.js';
import type { SlackAppWorkerData } from './slack-app-worker.js';
import { percentile } from './stats.js';

/** What to send, and how much. */
export interface SlackHttpBenchOptions {
  /** `/event` texts, used round-robin: mix searches, typos, subcommands and misses. */
  queries: string[];
  /** Sequential commands to time (after a few untimed warm-up ones). Default 200. */
  count?: number;
  /** Concurrent commands in the burst. Default 200. */
  burst?: number;
  /** Slack's ack deadline. Default 3000 ms. */
  ackBudgetMs?: number;
  /** EVENT_TIMEZONE for date phrases. Default UTC. */
  timezone?: string;
}

/** Latencies in milliseconds, measured at the fake Slack's side of the wire. */
export interface SlackHttpBenchResult {
  sequential: {
    commands: number;
    /** Request sent → HTTP 200 (the ack) received. */
    ackP50: number;
    ackP99: number;
    /** Request sent → the answer's POST to the response_url fully arrived. */
    respondP50: number;
    respondP99: number;
  };
  burst: {
    commands: number;
    budgetMs: number;
    /** Answered 200 within the budget. */
    ackedWithinBudget: number;
    maxAckMs: number;
    /** Answers that reached the response_url (within a generous 60 s). */
    responded: number;
  };
}

/**
 * The bot as Slack sees it: the real App in HTTP mode on 127.0.0.1 (in a worker thread, so its searches
 * cannot stall the timing client), against an existing database (nothing is imported), with a fake
 * Slack posting signed slash commands and receiving the answers.
 * First N commands one at a time (ack and answer latency), then a burst of concurrent ones (does every
 * ack still make Slack's 3-second deadline while searches queue up behind them?).
 */
export async function benchSlackHttp(
  dbPath: string,
  options: SlackHttpBenchOptions,
): Promise<SlackHttpBenchResult> {
  const { queries, count = 200, burst = 200, ackBudgetMs = 3000 } = options;
  if (queries.length === 0) throw new Error('benchSlackHttp needs at least one query');
  const fake = await startFakeSlack();
  const signingSecret = randomBytes(16).toString('hex');
  const app = await startAppWorker({
    dbPath,
    apiUrl: fake.apiUrl,
    signingSecret,
    timezone: options.timezone ?? 'UTC',
  }).catch(async (error: unknown) => {
    await fake.close();
    throw error;
  });
  try {
    const url = `http://127.0.0.1:${app.port}${SLACK_EVENTS_PATH}`;
    const send = (text: string, name: string): Promise<SlackPostResult> =>
      postSigned(
        url,
        signingSecret,
        // One person per command: the burst is many people at once, not one user over their rate limit.
        commandBody(slashCommand({ text, responseUrl: fake.responseUrl(name), userId: `U${name}` })),
      );
    const answered = (name: string, n = 1, timeoutMs = 30_000) =>
      fake.waitFor((r) => r.path === `/response/${name}`, n, timeoutMs);

    for (let i = 0; i < Math.min(5, queries.length); i++) {
      await send(queries[i], `warm-${i}`);
      await answered(`warm-${i}`);
    }

    const acks: number[] = [];
    const responds: number[] = [];
    for (let i = 0; i < count; i++) {
      const sent = await send(queries[i % queries.length], `seq-${i}`);
      if (sent.status !== 200) throw new Error(`command ${i} answered ${sent.status}`);
      const [answer] = await answered(`seq-${i}`);
      acks.push(sent.ms);
      responds.push(answer.at - sent.sentAt);
    }

    const results = await Promise.all(
      Array.from({ length: burst }, (_, i) => send(queries[i % queries.length], `burst-${i}`)),
    );
    let responded = burst;
    try {
      await fake.waitFor((r) => r.path.startsWith('/response/burst-'), burst, 60_000);
    } catch {
      responded = fake.requests.filter((r) => r.path.startsWith('/response/burst-')).length;
    }

    return {
      sequential: {
        commands: count,
        ackP50: percentile(acks, 50),
        ackP99: percentile(acks, 99),
        respondP50: percentile(responds, 50),
        respondP99: percentile(responds, 99),
      },
      burst: {
        commands: burst,
        budgetMs: ackBudgetMs,
        ackedWithinBudget: results.filter((r) => r.status === 200 && r.ms <= ackBudgetMs).length,
        maxAckMs: Math.max(...results.map((r) => r.ms)),
        responded,
      },
    };
  } finally {
    await app.stop();
    await fake.close();
  }
}

/** Starts the app in a worker thread (TypeScript loaded through tsx there too) and resolves once it listens. */
export function startAppWorker(
  data: SlackAppWorkerData,
): Promise<{ port: number; tid?: number; stop(): Promise<void> }> {
  const entry = new URL('./slack-app-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: data });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; tid?: number; error?: string }) => {
      if (message.port === undefined) {
        reject(new Error(`the app did not start: ${message.error}`));
        return;
      }
      resolve({
        port: message.port,
        tid: message.tid,
        stop: async () => {
          worker.postMessage('stop');
          await exited;
        },
      });
    });
  });
}

/** A mixed list: plain and typo searches, filters, subcommands, a share and a miss. */
export const DEFAULT_QUERIES = [
  'peacekeeping',
  'peacekeepng finland',
  'upcoming',
  'themes',
  'theme resourcing',
  'speaker kaljulaid',
  'women peace security 2019',
  'type:"Panel Discussion" after:2014',
  'share peacekeeping',
  'quantum chromodynamics',
];

// `tsx bench/e2e-bench.ts <database> [count] [burst]` prints the result as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dbPath, count, burst] = process.argv.slice(2);
  if (!dbPath) {
    process.stderr.write('usage: tsx bench/e2e-bench.ts <database> [count] [burst]\n');
    process.exit(2);
  }
  const result = await benchSlackHttp(dbPath, {
    queries: DEFAULT_QUERIES,
    count: count ? Number(count) : undefined,
    burst: burst ? Number(burst) : undefined,
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
