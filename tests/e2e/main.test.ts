import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startFakeSlack } from '../../support/fake-slack.js';
import { runMain } from '../helpers/run-main.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('main', () => {
  it('exits 2 with an operator-worded message when an app token comes without a bot token', async () => {
    const result = await runMain({ EVENT_DB: ':memory:', SLACK_APP_TOKEN: 'xapp-1-A0APP-1-abcdef' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Configuration problem:');
    expect(result.stderr).toContain('SLACK_BOT_TOKEN is not set, but SLACK_APP_TOKEN is');
    expect(result.stderr).not.toContain('xapp-1-A0APP-1-abcdef');
    expect(result.stdout).toBe('');
  }, 60_000);

  it('exits 0 on empty input in console mode, printing only the banner', async () => {
    const result = await runMain({ EVENT_DB: ':memory:', EVENT_ARCHIVE: 'tests/fixtures/archive' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^event-archive-bot console: \d+ events? in the archive/);
  }, 60_000);

  it('serves Slack over HTTP until SIGTERM, then stops and exits 0', async () => {
    const fake = await startFakeSlack();
    let child: ReturnType<typeof spawn> | undefined;
    try {
      child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          EVENT_DB: ':memory:',
          EVENT_ARCHIVE: 'tests/fixtures/archive',
          SLACK_BOT_TOKEN: 'xoxb-1-2-maintest',
          SLACK_APP_TOKEN: '',
          SLACK_SIGNING_SECRET: 'main-test-signing-secret',
          SLACK_API_URL: fake.apiUrl,
          PORT: '0',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      const running = child;
      const closed = new Promise<number | null>((resolve) => running.on('close', resolve));
      const port = await new Promise<number>((resolve, reject) => {
        running.stderr?.on('data', (c) => {
          stderr += String(c);
          const m = /listening on port (\d+)/.exec(stderr);
          if (m) resolve(Number(m[1]));
        });
        closed.then((code) => reject(new Error(`main exited ${code} before listening:\n${stderr}`)));
      });

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      expect(fake.requests.map((r) => r.path)).toEqual(['/api/auth.test']);

      running.kill('SIGTERM');
      expect(await closed).toBe(0);
      expect(stderr).toContain('SIGTERM: stopping');
      expect(stderr).not.toContain('xoxb-1-2-maintest');
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await fake.close();
    }
  }, 60_000);
});
