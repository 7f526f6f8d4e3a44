import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody, postSigned, slashCommand, startFakeSlack } from '../../support/fake-slack.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository (var/ is ignored), so the compiled code resolves node_modules as dist/ does.
const OUT = join(ROOT, 'var', `build-test-${process.pid}`);
const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';

/** Plain node: no tsx loader, no NODE_OPTIONS from the test runner. */
function plainEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _options, ...rest } = process.env;
  return { ...rest, SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', ...env };
}

function run(args: string[], env: Record<string, string>, stdin = '') {
  return spawnSync(process.execPath, args, { cwd: ROOT, env: plainEnv(env), input: stdin, encoding: 'utf8' });
}

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--out', OUT], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
}, 120_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the compiled build (what npm start runs)', () => {
  it('carries the migrations and the worker boot file beside the JavaScript', () => {
    expect(existsSync(join(OUT, 'storage', 'migrations', '001-events.sql'))).toBe(true);
    expect(existsSync(join(OUT, 'slack', 'command-worker-boot.mjs'))).toBe(true);
    expect(existsSync(join(OUT, 'main.ts'))).toBe(false);
  });

  it('answers a piped /event on plain node with the dinner card', () => {
    const result = run([join(OUT, 'main.js')], { EVENT_DB: ':memory:' }, '/event peacekeeping\n');
    expect(result.stderr).toContain('event-archive-bot: loaded data');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(DINNER_TITLE);
  });

  it('imports and searches with the CLI on plain node', () => {
    const env = { EVENT_DB: join(tempDir(), 'cli.db') };
    const imported = run([join(OUT, 'cli', 'index.js'), 'import', 'data'], env);
    expect(imported.status).toBe(0);
    const result = run([join(OUT, 'cli', 'index.js'), 'search', 'peacekeepng finland', '--limit', '1'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(DINNER_TITLE);
  });

  it('serves a signed slash command over HTTP with compiled command workers', async () => {
    const fake = await startFakeSlack();
    const secret = 'compiled-build-signing-secret';
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, [join(OUT, 'main.js')], {
        cwd: ROOT,
        env: plainEnv({
          // A file database, so commands run on worker threads rather than inline.
          EVENT_DB: join(tempDir(), 'http.db'),
          EVENT_ARCHIVE: 'data',
          SLACK_BOT_TOKEN: 'xoxb-1-2-compiled',
          SLACK_SIGNING_SECRET: secret,
          SLACK_API_URL: fake.apiUrl,
          PORT: '0',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const running = child;
      let stderr = '';
      const port = await new Promise<number>((resolve, reject) => {
        running.stderr?.on('data', (c) => {
          stderr += String(c);
          const m = /listening on port (\d+)/.exec(stderr);
          if (m) resolve(Number(m[1]));
        });
        running.on('close', (code) => reject(new Error(`main exited ${code} before listening:\n${stderr}`)));
      });
      const body = commandBody(
        slashCommand({ text: 'peacekeepng finland', responseUrl: fake.responseUrl('c') }),
      );
      const ack = await postSigned(`http://127.0.0.1:${port}/slack/events`, secret, body);
      expect(ack.status).toBe(200);
      const [answer] = await fake.waitFor((r) => r.path === '/response/c');
      expect(JSON.stringify(answer.json)).toContain(DINNER_TITLE);
      expect(stderr).not.toContain('xoxb-1-2-compiled');
    } finally {
      child?.kill('SIGKILL');
      await fake.close();
    }
  }, 60_000);
});
