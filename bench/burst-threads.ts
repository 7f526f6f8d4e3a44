import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { SLACK_EVENTS_PATH } from '../src/slack/create-slack-app.js';
import { commandBody, postSigned, slashCommand, startFakeSlack } from '../support/fake-slack.js';
import { DEFAULT_QUERIES, startAppWorker } from './e2e-bench.js';
import { percentile } from './stats.js';

/** CPU milliseconds by role: the timing client (and fake Slack), the app's thread, the command workers, the rest. */
export type ThreadCpu = Record<'client' | 'app' | 'workers' | 'other', number>;

/**
 * Where a burst's CPU goes (Linux): a burst of signed `/event` commands against the app on an existing
 * database, as in e2e-bench.ts, with each thread's CPU time read from /proc while the acks are owed and
 * after them. Wall-clock figures on a shared machine say little; these say whether the command workers
 * (the threads of lower priority) still take the cores while 200 acks wait.
 */
export async function burstThreads(dbPath: string, burst = 200) {
  const fake = await startFakeSlack();
  const signingSecret = randomBytes(16).toString('hex');
  const app = await startAppWorker({ dbPath, apiUrl: fake.apiUrl, signingSecret, timezone: 'UTC' });
  try {
    const url = `http://127.0.0.1:${app.port}${SLACK_EVENTS_PATH}`;
    const send = (text: string, name: string) =>
      postSigned(
        url,
        signingSecret,
        commandBody(slashCommand({ text, responseUrl: fake.responseUrl(name), userId: `U${name}` })),
      );
    for (let i = 0; i < DEFAULT_QUERIES.length; i++) {
      await send(DEFAULT_QUERIES[i], `warm-${i}`);
      await fake.waitFor((r) => r.path === `/response/warm-${i}`);
    }
    const start = threadCpu(app.tid);
    const t0 = performance.now();
    const acks = await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        send(DEFAULT_QUERIES[i % DEFAULT_QUERIES.length], `burst-${i}`),
      ),
    );
    const acked = threadCpu(app.tid);
    const t1 = performance.now();
    await fake.waitFor((r) => r.path.startsWith('/response/burst-'), burst, 120_000);
    const answered = threadCpu(app.tid);
    const ms = acks.map((a) => a.ms);
    return {
      load: loadavg()[0],
      slowestAckMs: Math.max(...ms),
      ackP50Ms: percentile(ms, 50),
      allAckedMs: t1 - t0,
      allAnsweredMs: performance.now() - t0,
      cpuMsWhileAcksOwed: minus(acked, start),
      cpuMsAfter: minus(answered, acked),
    };
  } finally {
    await app.stop();
    await fake.close();
  }
}

/** Each thread's CPU so far (schedstat, nanoseconds), by role; the workers are the threads of lower priority. */
function threadCpu(appTid: number | undefined): ThreadCpu {
  const cpu: ThreadCpu = { client: 0, app: 0, workers: 0, other: 0 };
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const nice = Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
      const role =
        Number(tid) === process.pid
          ? 'client'
          : Number(tid) === appTid
            ? 'app'
            : nice > 0
              ? 'workers'
              : 'other';
      cpu[role] += ns / 1e6;
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return cpu;
}

function minus(a: ThreadCpu, b: ThreadCpu): ThreadCpu {
  const round = (n: number) => Math.round(n);
  return {
    client: round(a.client - b.client),
    app: round(a.app - b.app),
    workers: round(a.workers - b.workers),
    other: round(a.other - b.other),
  };
}

// `tsx bench/burst-threads.ts <database> [burst]` prints the result as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dbPath, burst] = process.argv.slice(2);
  if (!dbPath) {
    process.stderr.write('usage: tsx bench/burst-threads.ts <database> [burst]\n');
    process.exit(2);
  }
  process.stdout.write(
    `${JSON.stringify(await burstThreads(dbPath, burst ? Number(burst) : undefined), null, 2)}\n`,
  );
}
