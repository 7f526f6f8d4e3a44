import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import type { Event } from '../src/core/model.js';
import { systemClock } from '../src/core/time.js';
import { createReminderDispatcher } from '../src/jobs/reminder-dispatcher.js';
import { createNotifierClient, createSlackNotifier } from '../src/slack/notifier.js';
import { startFakeWebApi } from '../support/fake-web-api.js';
import { fmt, percentile } from './stats.js';

export interface DispatcherBenchOptions {
  /** Reminders, all due at the same instant. */
  count?: number;
  /** Reminders per recipient (their DM is one channel): 1 is 10,000 people, 20 shows per-channel pacing. */
  perChannel?: number;
  concurrency?: number;
  batchSize?: number;
  tickMs?: number;
  /** The fake API refuses (429) a second post to a channel within this many ms. */
  paceMs?: number;
  /** Give up waiting after this long. */
  timeoutMs?: number;
}

export interface DispatcherBenchResult {
  count: number;
  channels: number;
  perChannel: number;
  /** From the moment all were due to the last post Slack accepted. */
  allSentMs: number;
  withinMinute: boolean;
  postsPerSecond: number;
  /** Time from due to arrival, per reminder. */
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Shortest gap between two posts to the same channel (Infinity with one post each). */
  minChannelGapMs: number;
  /** Posts the fake refused for breaking its per-channel pace: 0 when the dispatcher paced itself. */
  rateLimited: number;
  duplicates: number;
  conversationsOpen: number;
}

/**
 * Seeds `count` reminders due at the same instant, for `count / perChannel` people, and runs the real
 * dispatcher with the real Slack notifier against a fake Web API on 127.0.0.1, until every reminder
 * has arrived. Reports how long that took and whether Slack's one-post-per-second-per-channel pace held.
 */
export async function benchDispatcher(options: DispatcherBenchOptions = {}): Promise<DispatcherBenchResult> {
  const count = options.count ?? 10_000;
  const perChannel = options.perChannel ?? 1;
  const api = await startFakeWebApi({ paceMs: options.paceMs ?? 1000 });
  const context = createContext(
    loadConfig({ EVENT_DB: ':memory:', EVENT_ARCHIVE: 'none', EVENT_TIMEZONE: 'UTC' }),
  );
  try {
    const dueMs = Date.now();
    const event: Event = {
      id: 'bench-forum',
      title: 'Benchmark Forum on Peace Operations',
      type: 'Policy Forum',
      start: new Date(dueMs + 2 * 86_400_000).toISOString(),
      location: 'New York',
      hosts: ['International Peace Institute'],
      speakers: [{ name: 'A Speaker', role: 'Minister' }],
      summary: 'A forum used to measure the reminder dispatcher.',
      body: '',
      themes: [{ title: 'Reminders', summary: 'Sent once, on time.' }],
      tags: ['bench'],
    };
    context.store.replaceFileEvents('bench.jsonl', 'bench', [event]);
    const channels = Math.ceil(count / perChannel);
    context.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        context.commands.reminders.add(
          {
            userId: `U${String(i % channels).padStart(6, '0')}`,
            eventId: event.id,
            eventTitle: event.title,
            eventStartMs: Date.parse(event.start),
            zone: 'UTC',
            spec: { kind: 'at', atMs: dueMs + Math.floor(i / channels) },
            dueMs: dueMs + Math.floor(i / channels),
          },
          { nowMs: dueMs, cap: Number.MAX_SAFE_INTEGER },
        );
      }
    })();

    const notifier = createSlackNotifier(createNotifierClient('xoxb-bench', { slackApiUrl: api.apiUrl }));
    const dispatcher = createReminderDispatcher({
      reminders: context.commands.reminders,
      subscriptions: context.commands.subscriptions,
      index: context.commands.index,
      notifier,
      clock: systemClock,
      logger: { info: () => {}, warn: () => {}, error: (...m: unknown[]) => console.error(...m) },
      zone: 'UTC',
      tickMs: options.tickMs ?? 1000,
      batchSize: options.batchSize ?? 1000,
      concurrency: options.concurrency ?? 50,
    });
    const started = performance.now() - (Date.now() - dueMs);
    dispatcher.start();
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    while (api.posts.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await dispatcher.stop();

    const last = Math.max(...api.posts.map((p) => p.at));
    const byChannel = new Map<string, number[]>();
    for (const p of api.posts) byChannel.set(p.channel, [...(byChannel.get(p.channel) ?? []), p.at]);
    let minGap = Number.POSITIVE_INFINITY;
    for (const times of byChannel.values()) {
      for (let i = 1; i < times.length; i++) minGap = Math.min(minGap, times[i] - times[i - 1]);
    }
    const allSentMs = last - started;
    const latencies = api.posts.map((p) => p.at - started);
    return {
      count,
      channels,
      perChannel,
      allSentMs: api.posts.length === count ? allSentMs : Number.NaN,
      withinMinute: api.posts.length === count && allSentMs < 60_000,
      postsPerSecond: api.posts.length / (allSentMs / 1000),
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      minChannelGapMs: minGap,
      rateLimited: api.rateLimited,
      duplicates: api.posts.length - new Set(api.posts.map((p) => p.key)).size,
      conversationsOpen: api.opens,
    };
  } finally {
    context.close();
    await api.close();
  }
}

/** A markdown table of bench results. */
export function dispatcherTable(results: DispatcherBenchResult[]): string {
  const lines = [
    '| reminders | channels | per channel | all sent | within the minute | posts/s | p50 | p99 | min gap same channel | 429s | duplicates |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.count} | ${r.channels} | ${r.perChannel} | ${fmt(r.allSentMs / 1000, 1)} s | ${r.withinMinute ? 'yes' : 'no'} | ${fmt(r.postsPerSecond, 0)} | ${fmt(r.latencyP50Ms / 1000, 1)} s | ${fmt(r.latencyP99Ms / 1000, 1)} s | ${Number.isFinite(r.minChannelGapMs) ? `${fmt(r.minChannelGapMs, 0)} ms` : '–'} | ${r.rateLimited} | ${r.duplicates} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = [
    await benchDispatcher({ count: 10_000, perChannel: 1 }),
    await benchDispatcher({ count: 10_000, perChannel: 20 }),
  ];
  process.stdout.write(`${dispatcherTable(results)}\n`);
}
