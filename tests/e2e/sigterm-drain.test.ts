import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres, openPostgres, type PgPool } from '../../src/storage/postgres/database.js';
import {
  commandBody,
  type FakeSlack,
  postSigned,
  type RecordedRequest,
  slashCommand,
  startFakeSlack,
} from '../../support/fake-slack.js';
import { seedDueReminders, until } from '../helpers/due-reminders.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REMINDERS = 400;

let fake: FakeSlack;
let db: TestDatabase;
let pool: PgPool;
let dir: string;
let child: ChildProcess | undefined;

const keyOf = (r: RecordedRequest) =>
  (JSON.parse(String(r.form?.metadata ?? '{}')) as { event_payload?: { key?: string } }).event_payload?.key;
const posts = () => fake.requests.filter((r) => r.path === '/api/chat.postMessage');

beforeAll(async () => {
  fake = await startFakeSlack();
  db = await createTestDatabase();
  pool = openPostgres(db.url);
  await migratePostgres(pool);
  dir = tempDir();
  await seedDueReminders(pool, dir, REMINDERS);
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await pool.end();
  await db.drop();
  await fake.close();
});

describe('SIGTERM while answering and dispatching', () => {
  it('answers the command under way, gives its claims back at once, and exits 0', {
    timeout: 240_000,
  }, async () => {
    // A slow Slack: posts take a while, so the dispatcher still holds claims it has not begun.
    fake.delayApi('chat.postMessage', 150);
    // users.info never answers, so the command waits out its 1.5 s deadline: it is in flight at SIGTERM.
    fake.failApi('users.info', { hang: true });
    const bot = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        EVENT_DB: join(dir, 'replica.db'),
        EVENT_ARCHIVE: join(dir, 'archive'),
        DATABASE_URL: db.url,
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_APP_TOKEN: '',
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        REMINDER_TICK_MS: '200',
        // Far longer than the test: a claim left behind would still be held when it ends.
        REMINDER_LEASE_MS: '600000',
        SHUTDOWN_GRACE_MS: '20000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = bot;
    let stderr = '';
    /** Posts received when the bot said it was stopping: after that, only the posts already under way. */
    let postedAtStop: number | undefined;
    const exited = new Promise<number | null>((resolve) => bot.on('exit', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      bot.stderr?.on('data', (c) => {
        stderr += String(c);
        if (postedAtStop === undefined && /SIGTERM: stopping/.test(stderr)) postedAtStop = posts().length;
        const m = /listening on port (\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      exited.then((code) => reject(new Error(`main exited ${code} before listening:\n${stderr}`)));
    });
    await until(() => posts().length >= 20, 90_000, 'the first 20 posts');
    // From here posts are slower still, so reminders are left to give back at SIGTERM however quickly
    // the workers warm up: 20 posts at a time, a second each, leave 380 reminders about 19 s of posting.
    fake.delayApi('chat.postMessage', 1000);
    // Both command workers answer once before the test begins: on a loaded machine a worker still
    // loading its modules would be what the grace period waits for.
    const warm = ['warm-1', 'warm-2'].map((name) =>
      postSigned(
        `http://127.0.0.1:${port}/slack/events`,
        TEST_SIGNING_SECRET,
        commandBody(slashCommand({ text: 'help', responseUrl: fake.responseUrl(name), userId: 'U0WARM' })),
      ),
    );
    await Promise.all(warm);
    await fake.waitFor((r) => r.path.startsWith('/response/warm-'), 2, 120_000);

    const body = commandBody(
      slashCommand({ text: 'reminders', responseUrl: fake.responseUrl('drain'), userId: 'U00001' }),
    );
    expect(
      (await postSigned(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET, body)).status,
    ).toBe(200);
    await fake.waitFor((r) => r.path === '/api/users.info');
    bot.kill('SIGTERM');
    const postedAtTerm = posts().length;

    expect(await exited).toBe(0);
    // The answer, not an apology: the command workers were still there to run it.
    const [answer] = fake.responses('drain');
    expect(answer?.body, stderr).toBeDefined();
    expect(answer?.body, stderr).not.toMatch(/Something went wrong/);
    expect(JSON.stringify(answer?.json)).toContain('Your reminders');

    // Nothing is left claimed: what was posted is recorded sent, the rest is free for another replica now.
    const { rows } = await pool.query<{ status: string; free: boolean; n: number }>(
      `SELECT status, (claim_token IS NULL) AS free, count(*)::int AS n FROM reminders GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const count = (status: string, free?: boolean) =>
      rows
        .filter((r) => r.status === status && (free === undefined || r.free === free))
        .reduce((n, r) => n + r.n, 0);
    expect(count('sending')).toBe(0);
    expect(count('pending', false)).toBe(0);
    expect(count('pending', true)).toBeGreaterThan(0);
    const keys = posts().map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    expect(count('sent')).toBe(keys.length);
    expect(count('sent') + count('pending')).toBe(REMINDERS);
    // It stopped posting: at most the posts under way when it began stopping (20 at once) came after.
    expect(postedAtStop).toBeDefined();
    expect(keys.length - (postedAtStop ?? 0)).toBeLessThanOrEqual(20);
    const lines = stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(lines.some((l) => /^SIGTERM: stopping; 1 request\(s\) in flight/.test(l.msg))).toBe(true);
    expect(lines.at(-1)?.msg).toBe('SIGTERM: stopped');
    expect(stderr).not.toContain(TEST_BOT_TOKEN);
    console.info(
      `drain: ${postedAtTerm} posts at SIGTERM, ${keys.length} in all; ${count('pending')} reminders given back`,
    );
  });
});
