import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iterateEvents } from '../../scripts/lib/generate-events.js';
import {
  commandBody,
  type FakeSlack,
  postSigned,
  slashCommand,
  startFakeSlack,
} from '../../support/fake-slack.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'import-beside-traffic-secret';
/** Slack's hard limit for acknowledging a slash command. */
const SLACK_ACK_LIMIT_MS = 3000;
const EVENTS = Number(process.env.FAULTS_EVENTS ?? 50_000);

let fake: FakeSlack;
let dir: string;
let bot: ChildProcess | undefined;
let port: number;
let botLog = '';

const env = (extra: Record<string, string>) => ({
  ...process.env,
  EVENT_DB: join(dir, 'bot.db'),
  EVENT_TIMEZONE: 'America/New_York',
  SLACK_APP_TOKEN: '',
  LOG_LEVEL: 'info',
  ...extra,
});

function run(args: string[], extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: env(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c) => {
    out += String(c);
  });
  child.stderr?.on('data', (c) => {
    out += String(c);
  });
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out })),
  );
  return { child, done };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'event-bot-faults-'));
  const lines: string[] = [];
  for (const e of iterateEvents(EVENTS, { seed: 15, now: new Date() })) lines.push(JSON.stringify(e));
  writeFileSync(join(dir, 'big.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'first-small.jsonl'), `${lines.slice(0, 3000).join('\n')}\n`);
  writeFileSync(join(dir, 'second-small.jsonl'), `${lines.slice(3000, 6000).join('\n')}\n`);
  fake = await startFakeSlack();
  const started = run(['src/main.ts'], {
    EVENT_ARCHIVE: 'tests/fixtures/archive',
    SLACK_BOT_TOKEN: 'xoxb-1-2-faults',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    // The dispatcher claims (a write) five times a second, so it meets the import's write lock.
    REMINDER_TICK_MS: '200',
  });
  bot = started.child;
  port = await new Promise<number>((resolve, reject) => {
    started.child.stderr?.on('data', (c) => {
      botLog += String(c);
      const m = /listening on port (\d+)/.exec(botLog);
      if (m) resolve(Number(m[1]));
    });
    started.done.then(({ code }) => reject(new Error(`bot exited ${code} before listening:\n${botLog}`)));
  });
}, 120_000);

afterAll(async () => {
  if (bot && bot.exitCode === null) bot.kill('SIGKILL');
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Sent {
  name: string;
  text: string;
  status: number;
  ackMs: number;
}

describe('a large import beside live traffic', () => {
  it('acknowledges every command in time and answers each, with no error, while 50k events import', async () => {
    const importing = run(['src/cli/index.ts', 'import', join(dir, 'big.jsonl')]);
    let finished = false;
    void importing.done.then(() => {
      finished = true;
    });
    const sent: Sent[] = [];
    const texts = (n: number) => [
      'help',
      'peace operations',
      'upcoming',
      `subscribe humanitarian ${n} weekly monday at 9am`,
      'reminders',
      'speaker:guterres',
    ];
    let n = 0;
    // Commands side by side with the import, from before its first write to after its commit.
    while (!finished || n < 12) {
      n += 1;
      const text = texts(n)[n % 6] ?? 'help';
      const name = `cmd-${n}`;
      const body = commandBody(
        slashCommand({ text, responseUrl: fake.responseUrl(name), userId: `U${n % 5}`, channelId: `C${n}` }),
      );
      const ack = await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, body);
      sent.push({ name, text, status: ack.status, ackMs: ack.ms });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const imported = await importing.done;

    expect(imported.code, imported.out).toBe(0);
    expect(sent.every((s) => s.status === 200)).toBe(true);
    const slowest = Math.max(...sent.map((s) => s.ackMs));
    expect(slowest, `slowest ack ${Math.round(slowest)} ms`).toBeLessThan(SLACK_ACK_LIMIT_MS);
    for (const s of sent) {
      const [answer] = await fake.waitFor((r) => r.path === `/response/${s.name}`, 1, 60_000);
      expect(answer.body, `${s.text}: ${answer.body.slice(0, 400)}`).not.toMatch(
        /went wrong|ref [0-9a-f]{6}|locked|SQLITE/i,
      );
    }
    expect(botLog).not.toMatch(/SqliteError|database is locked/);
  }, 600_000);

  it('runs two imports started together one after the other, with no stack trace', async () => {
    const first = run(['src/cli/index.ts', 'import', join(dir, 'first-small.jsonl')]);
    const second = run(['src/cli/index.ts', 'import', join(dir, 'second-small.jsonl')]);
    for (const { code, out } of [await first.done, await second.done]) {
      expect(out).not.toMatch(/\n\s+at |SqliteError|SQLITE_BUSY/);
      expect(code, out).toBe(0);
    }
  }, 300_000);
});
