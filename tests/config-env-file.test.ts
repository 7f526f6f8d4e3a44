import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, withEnvFile } from '../src/config.js';
import { runMain } from './helpers/run-main.js';
import { tempDir } from './helpers/temp.js';

const ENV_TEXT = [
  '# pasted from .env.example',
  'EVENT_ARCHIVE=from-file',
  'EVENT_TIMEZONE="Europe/Helsinki"',
  "SLACK_BOT_TOKEN='xoxb-from-file'",
  'SLACK_SIGNING_SECRET=secret-from-file',
  '',
].join('\n');

describe('.env, read with Node’s own parser', () => {
  it('supplies what the environment does not set, comments and quotes as Node reads them', () => {
    const dir = tempDir({ '.env': ENV_TEXT });
    const config = loadConfig(withEnvFile({}, join(dir, '.env')));
    expect(config).toMatchObject({
      archivePaths: ['from-file'],
      timezone: 'Europe/Helsinki',
      mode: 'http',
      slack: { botToken: 'xoxb-from-file', signingSecret: 'secret-from-file' },
    });
  });

  it('loses to the real environment, variable by variable', () => {
    const dir = tempDir({ '.env': ENV_TEXT });
    const env = withEnvFile({ EVENT_ARCHIVE: 'from-env', SLACK_SIGNING_SECRET: '' }, join(dir, '.env'));
    expect(env.EVENT_ARCHIVE).toBe('from-env');
    expect(env.EVENT_TIMEZONE).toBe('Europe/Helsinki');
    // Set empty on purpose in the environment: still the environment's word, so no signing secret.
    expect(() => loadConfig(env)).toThrow(/neither SLACK_APP_TOKEN .* nor SLACK_SIGNING_SECRET/);
  });

  it('is no file when absent, and a named configuration problem when it cannot be read', () => {
    const dir = tempDir();
    expect(withEnvFile({ A: '1' }, join(dir, '.env'))).toEqual({ A: '1' });
    mkdirSync(join(dir, 'folder.env'));
    expect(() => withEnvFile({}, join(dir, 'folder.env'))).toThrow(ConfigError);
    expect(() => withEnvFile({}, join(dir, 'folder.env'))).toThrow(/folder\.env: cannot be read \(EISDIR\)/);
  });

  it('is read by `npm start` from the working folder, and the environment still wins', async () => {
    const archive = resolve('tests/fixtures/archive/women-in-peacekeeping.md');
    const other = resolve('tests/fixtures/archive/any-ids.json');
    const dir = tempDir({ '.env': `EVENT_ARCHIVE=${archive}\nEVENT_DB=:memory:\n` });
    const fromFile = await runMain({}, 'quit\n', dir);
    expect(fromFile.stderr).toContain(`loaded ${archive} (1 added`);
    const fromEnv = await runMain({ EVENT_ARCHIVE: other, EVENT_DB: ':memory:' }, 'quit\n', dir);
    expect(fromEnv.stderr).toContain(`loaded ${other} (3 added`);
  }, 60_000);
});
