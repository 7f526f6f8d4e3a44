import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandBody, postSigned, slashCommand, startFakeSlack } from '../support/fake-slack.js';
import { archiveFile } from './archive.js';
import { fmt, percentile } from './stats.js';

const ROOT = join(import.meta.dirname, '..');
/** Slack's limit for acknowledging a slash command. */
const ACK_LIMIT_MS = 3000;
/** What staff type while the import runs: searches, a date, subcommands, and writes (subscribe). */
const TEXTS = [
  'peacekeeping',
  'upcoming',
  'mediation sahel',
  'themes',
  'reminders',
  'women peace security 2019',
];

/** One command sent while the import ran. */
interface Sample {
  ackMs: number;
  status: number;
}

export interface ImportAckResult {
  events: number;
  importMs: number;
  importExit: number | null;
  commands: number;
  acked200: number;
  ackP50: number;
  ackP99: number;
  slowestAckMs: number;
  withinLimit: number;
  answered: number;
  answersWithErrors: number;
}

function start(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve(code))) };
}

/**
 * The bot as shipped (`node dist/main.js`, HTTP mode, its command workers) on a fresh database, while
 * `event-bot import` loads a generated archive of `events` into the same file from another process;
 * signed slash commands go to it every `intervalMs` from the import's start to its commit. Reports the
 * slowest ack (Slack gives 3 s) and whether every command was answered without an error.
 */
export async function benchImportAck(events: number, intervalMs = 100): Promise<ImportAckResult> {
  const archive = archiveFile(events);
  const dir = mkdtempSync(join(tmpdir(), 'event-bot-import-ack-'));
  const fake = await startFakeSlack();
  const secret = randomBytes(16).toString('hex');
  const env = {
    ...process.env,
    NODE_OPTIONS: '',
    EVENT_DB: join(dir, 'bot.db'),
    EVENT_ARCHIVE: join(ROOT, 'data'),
    SLACK_BOT_TOKEN: 'xoxb-1-2-bench',
    SLACK_APP_TOKEN: '',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'info',
    // The dispatcher writes five times a second, so it meets the import's write lock often.
    REMINDER_TICK_MS: '200',
  };
  const bot = start([join(ROOT, 'dist', 'main.js')], env);
  try {
    let log = '';
    const port = await new Promise<number>((resolve, reject) => {
      bot.child.stderr?.on('data', (c) => {
        log += String(c);
        const m = /listening on port (\d+)/.exec(log);
        if (m) resolve(Number(m[1]));
      });
      bot.done.then((code) => reject(new Error(`the bot exited ${code} before listening:\n${log}`)));
    });
    const began = performance.now();
    const importing = start([join(ROOT, 'bin', 'event-bot.js'), 'import', archive], env);
    let importExit: number | null | undefined;
    void importing.done.then((code) => {
      importExit = code;
    });
    const samples: Sample[] = [];
    const pending: Promise<void>[] = [];
    let n = 0;
    while (importExit === undefined) {
      n += 1;
      const body = commandBody(
        slashCommand({
          text: TEXTS[n % TEXTS.length] ?? 'help',
          responseUrl: fake.responseUrl(`ack-${n}`),
          userId: `U${n % 20}`,
        }),
      );
      pending.push(
        postSigned(`http://127.0.0.1:${port}/slack/events`, secret, body).then((r) => {
          samples.push({ ackMs: r.ms, status: r.status });
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    const importMs = performance.now() - began;
    await Promise.all(pending);
    const answers = await fake
      .waitFor((r) => r.path.startsWith('/response/ack-'), n, 60_000)
      .catch(() => fake.requests.filter((r) => r.path.startsWith('/response/ack-')));
    const acks = samples.map((s) => s.ackMs);
    return {
      events,
      importMs,
      importExit: importExit ?? null,
      commands: n,
      acked200: samples.filter((s) => s.status === 200).length,
      ackP50: percentile(acks, 50),
      ackP99: percentile(acks, 99),
      slowestAckMs: Math.max(...acks),
      withinLimit: acks.filter((ms) => ms < ACK_LIMIT_MS).length,
      answered: answers.length,
      answersWithErrors: answers.filter((a) => /went wrong|ref [0-9a-f]{6}|SQLITE|locked/i.test(a.body))
        .length,
    };
  } finally {
    bot.child.kill('SIGTERM');
    await bot.done;
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The report section for `npm run bench` (skipped when BENCH_PARTS names parts without `import-ack`):
 * one table row per run at the largest size.
 */
export async function importAckLines(events: number): Promise<string[]> {
  const parts = process.env.BENCH_PARTS;
  if (parts && !parts.split(',').includes('import-ack')) return [];
  process.stderr.write(`bench: slash commands while ${events} events import beside the bot…\n`);
  const r = await benchImportAck(events);
  return [
    '',
    `## Acks during a concurrent import of ${events} events (\`event-bot import\` in another process)`,
    '',
    '| import | exit | commands | HTTP 200 | ack p50 | ack p99 | slowest ack | under 3 s | answered | answers with an error |',
    '|---|---|---|---|---|---|---|---|---|---|',
    `| ${fmt(r.importMs / 1000, 1)} s | ${r.importExit} | ${r.commands} | ${r.acked200} | ${fmt(r.ackP50, 1)} ms | ${fmt(r.ackP99, 1)} ms | ${fmt(r.slowestAckMs, 0)} ms | ${r.withinLimit}/${r.commands} | ${r.answered} | ${r.answersWithErrors} |`,
  ];
}
