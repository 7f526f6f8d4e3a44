import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres, openPostgres, type PgPool } from '../../src/storage/postgres/database.js';
import { type FakeSlack, type RecordedRequest, startFakeSlack } from '../../support/fake-slack.js';
import { seedDueReminders, until } from '../helpers/due-reminders.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REMINDERS = 2000;
const REPLICAS = 3;

let fake: FakeSlack;
let db: TestDatabase;
let pool: PgPool;
let dir: string;
const replicas: { child: ChildProcess; exited: Promise<number | null>; stderr: string[] }[] = [];

/** The delivery key a posted message carries in its metadata. */
function keyOf(r: RecordedRequest): string | undefined {
  const raw = r.form?.metadata ?? r.json?.metadata;
  const metadata = (typeof raw === 'string' ? JSON.parse(raw) : raw) as
    | { event_payload?: { key?: string } }
    | undefined;
  return metadata?.event_payload?.key;
}
const posts = () => fake.requests.filter((r) => r.path === '/api/chat.postMessage');

/** One bot process (`node --import tsx src/main.ts`, no wrapper, so SIGKILL kills the bot itself). */
function startReplica(n: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      EVENT_DB: join(dir, `replica-${n}.db`),
      EVENT_ARCHIVE: join(dir, 'archive'),
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'warn',
      REMINDER_TICK_MS: '200',
      REMINDER_LEASE_MS: '3000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (c) => stderr.push(String(c)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  replicas.push({ child, exited, stderr });
}

beforeAll(async () => {
  fake = await startFakeSlack();
  db = await createTestDatabase();
  pool = openPostgres(db.url);
  await migratePostgres(pool);
  dir = tempDir();
  await seedDueReminders(pool, dir, REMINDERS);
});

afterAll(async () => {
  for (const r of replicas)
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
  await Promise.all(replicas.map((r) => r.exited));
  await pool.end();
  await db.drop();
  await fake.close();
});

describe('three replicas on one PostgreSQL, one killed mid-dispatch', () => {
  it('delivers each of 2,000 reminders due at once exactly once', { timeout: 180_000 }, async () => {
    for (let n = 0; n < REPLICAS; n++) startReplica(n);
    await until(() => posts().length >= 300, 90_000, 'the first 300 posts');
    const victim = replicas[0]!;
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    const postedAtKill = posts().length;

    const keys = () => new Set(posts().map(keyOf));
    await until(() => keys().size >= REMINDERS, 150_000, `all ${REMINDERS} reminders posted`);
    // Past a lease more, so a claim the dead replica held would have been taken over and re-posted by now.
    const { rows: left } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reminders WHERE status <> 'sent'`,
    );
    await new Promise((resolve) => setTimeout(resolve, 4000));

    const perKey = new Map<string, number>();
    for (const p of posts()) {
      const key = keyOf(p) ?? 'none';
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    const doubled = [...perKey].filter(([, n]) => n > 1);
    expect(doubled).toEqual([]);
    expect(perKey.size).toBe(REMINDERS);
    expect([...perKey.keys()].every((k) => /^reminder:\d+$/.test(k))).toBe(true);
    const { rows } = await pool.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM reminders GROUP BY status',
    );
    expect(rows).toEqual([{ status: 'sent', n: REMINDERS }]);
    // For the report: how far the run had got when the replica was killed, and what was left then.
    console.info(
      `race: ${postedAtKill} posts when replica 0 was killed; ${left[0]?.n} not yet recorded sent when the last arrived; ${posts().length} posts in all`,
    );
  });
});
