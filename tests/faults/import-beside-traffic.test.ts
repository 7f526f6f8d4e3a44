import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
} from '../helpers/fake-slack.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'import-beside-traffic-secret';
/** Slack's hard limit for acknowledging a slash command. */
const SLACK_ACK_LIMIT_MS = 3000;
const EVENTS = 50_000;

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
  dir = tempDir();
  const lines: string[] = [];
  for (const e of iterateEvents(EVENTS, { seed: 15, now: new Date() })) lines.push(JSON.stringify(e));
  writeFileSync(join(dir, 'big.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'second.jsonl'), `${lines.slice(0, 20_000).join('\n')}\n`);
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
    // Commands side by side with the import, from before its first write to after its commit; a
    // second import starts half way through and must queue or refuse in one line.
    let second: ReturnType<typeof run> | undefined;
    while (!finished || n < 12) {
      n += 1;
      if (n === 6) second = run(['src/cli/index.ts', 'import', join(dir, 'second.jsonl')]);
      const text = texts(n)[n % 6] ?? 'help';
      const name = `cmd-${n}`;
      const body = commandBody(
        slashCommand({ text, responseUrl: fake.responseUrl(name), userId: `U${n % 5}`, channelId: `C${n}` }),
      );
      const ack = await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, body);
      sent.push({ name, text, status: ack.status, ackMs: ack.ms });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const imported = await importing.done;
    const other = await second?.done;

    expect(imported.code, imported.out).toBe(0);
    expect(sent.every((s) => s.status === 200)).toBe(true);
    const slowest = Math.max(...sent.map((s) => s.ackMs));
    expect(slowest, `slowest ack ${Math.round(slowest)} ms`).toBeLessThan(SLACK_ACK_LIMIT_MS);
    for (const s of sent) {
      const [answer] = await fake.waitFor((r) => r.path === `/response/${s.name}`, 1, 60_000);
      expect(answer.body, `${s.text}`).not.toMatch(/went wrong|ref [0-9a-f]{6}|locked|SQLITE/i);
    }
    // The second import either waited its turn or refused in one clear line; never a stack trace.
    expect(other?.out ?? '').not.toMatch(/\n\s+at |SqliteError/);
    expect(other?.code, other?.out).toBe(0);
    expect(botLog).not.toMatch(/SqliteError|database is locked/);
  }, 240_000);
});
