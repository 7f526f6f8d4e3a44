import type { CustomRoute } from '@slack/bolt';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Backlog } from '../core/ports/delivery.js';
import type { TickReport } from '../jobs/delivery.js';

/** Where Prometheus scrapes, on the HTTP server of either mode (the same one as /healthz). */
export const METRICS_PATH = '/metrics';

/** How a `/event` command ended: answered, refused with a notice (limits, a busy archive), or apologised for. */
export type CommandOutcome = 'answered' | 'refused' | 'failed';

/** Latency buckets in seconds, around Slack's 3-second ack limit. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

/** The TickReport counters that are delivery outcomes. */
const OUTCOMES = [
  'sent',
  'retried',
  'failed',
  'missed',
  'cancelled',
  'skipped',
  'rescheduled',
  'recovered',
  'released',
] as const satisfies readonly (keyof TickReport)[];

/** The bot's Prometheus metrics (prom-client, one registry per process so tests can make their own). */
export interface BotMetrics {
  registry: Registry;
  /** One `/event` command: its subcommand, how it ended, and how long the ack and the answer took. */
  command(
    name: string,
    outcome: CommandOutcome,
    timing: { ackSeconds?: number; answerSeconds?: number },
  ): void;
  /** A dispatcher tick's outcomes. */
  tick(report: TickReport): void;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
}

/**
 * Creates the registry: `event_bot_commands_total{command,outcome}`, `event_bot_ack_seconds`,
 * `event_bot_answer_seconds{command}`, `event_bot_deliveries_total{outcome}`,
 * `event_bot_dispatcher_backlog{state="due"|"claimed"}` (read from the store at each scrape, so every
 * replica reports the shared queue) and Node's process metrics.
 */
export function createMetrics(options: { backlog?: () => Promise<Backlog> | Backlog } = {}): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const commands = new Counter({
    name: 'event_bot_commands_total',
    help: '/event commands handled, by subcommand and outcome (answered, refused, failed).',
    labelNames: ['command', 'outcome'] as const,
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'event_bot_ack_seconds',
    help: 'From a slash command reaching its listener to its ack (Slack allows 3 s).',
    buckets: BUCKETS,
    registers: [registry],
  });
  const answer = new Histogram({
    name: 'event_bot_answer_seconds',
    help: 'From a slash command reaching its listener to its answer posted to the response_url.',
    labelNames: ['command'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'event_bot_deliveries_total',
    help: 'Reminder, notice and digest deliveries by outcome, as the dispatcher recorded them.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const source = options.backlog;
  new Gauge({
    name: 'event_bot_dispatcher_backlog',
    help: 'Reminders, notices and digest runs due and unclaimed (due), or claimed by a replica (claimed).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      if (!source) return;
      const backlog = await source();
      this.set({ state: 'due' }, backlog.due);
      this.set({ state: 'claimed' }, backlog.claimed);
    },
  });
  for (const outcome of OUTCOMES) deliveries.inc({ outcome }, 0);
  return {
    registry,
    command(name, outcome, timing) {
      commands.inc({ command: name, outcome });
      if (timing.ackSeconds !== undefined) ack.observe(timing.ackSeconds);
      if (timing.answerSeconds !== undefined) answer.observe({ command: name }, timing.answerSeconds);
    },
    tick(report) {
      for (const outcome of OUTCOMES) if (report[outcome] > 0) deliveries.inc({ outcome }, report[outcome]);
    },
    render: () => registry.metrics(),
  };
}

/** GET /metrics. A store that cannot be read makes a 503, so a scrape failure is visible, not a blank. */
export function metricsRoute(metrics: BotMetrics): CustomRoute {
  return {
    path: METRICS_PATH,
    method: ['GET'],
    handler: (_req, res) => {
      metrics.render().then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.registry.contentType });
          res.end(text);
        },
        () => {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('metrics unavailable\n');
        },
      );
    },
  };
}
