import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('reads the unfurl domains as a lower-case list and refuses anything but domain names', () => {
    expect(loadConfig({}).unfurlDomains).toEqual([]);
    expect(loadConfig({ UNFURL_DOMAINS: ' WWW.ipinst.org, ipinst.org ' }).unfurlDomains).toEqual([
      'www.ipinst.org',
      'ipinst.org',
    ]);
    expect(() => loadConfig({ UNFURL_DOMAINS: 'https://ipinst.org/events' })).toThrow(/UNFURL_DOMAINS/);
  });

  it('defaults to the local console on the shipped archive', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'console',
      archivePaths: ['data'],
      databasePath: 'var/events.db',
      timezone: 'UTC',
      port: 3000,
    });
  });

  it('chooses Socket Mode with an app token and HTTP with a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).mode).toBe('socket');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).mode).toBe('http');
  });

  it('says what to set when an app token comes without a bot token', () => {
    expect(() => loadConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toThrow(/SLACK_BOT_TOKEN is not set/);
  });

  it('refuses a bot token without a way to receive events', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /neither SLACK_APP_TOKEN .* nor SLACK_SIGNING_SECRET/,
    );
  });

  it('reports every bad variable at once, by name', () => {
    try {
      loadConfig({ EVENT_TIMEZONE: 'Europe/Atlantis', PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxp-user' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).problems.join('\n');
      expect(text).toMatch(/EVENT_TIMEZONE/);
      expect(text).toMatch(/PORT/);
      expect(text).toMatch(/SLACK_BOT_TOKEN: must be a bot token/);
    }
  });

  it('splits EVENT_ARCHIVE on commas and normalises the API URL', () => {
    const config = loadConfig({
      EVENT_ARCHIVE: 'data, more/events.jsonl',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(config.archivePaths).toEqual(['data', 'more/events.jsonl']);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('reads PUBLIC_BASE_URL without its trailing slash, and refuses a non-http one', () => {
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://bot.example.org/' }).publicBaseUrl).toBe(
      'https://bot.example.org',
    );
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://bot.example.org' })).toThrow(/PUBLIC_BASE_URL/);
  });
});

describe('loadConfig: OAuth distribution', () => {
  const oauth = {
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'client-secret',
    SLACK_STATE_SECRET: 'a-state-secret-of-some-length',
    SLACK_TOKEN_KEY: 'ab'.repeat(32),
  };

  it('runs over HTTP without a bot token when the installer is configured', () => {
    const config = loadConfig({ ...oauth, SLACK_SIGNING_SECRET: 's' });
    expect(config.mode).toBe('http');
    expect(config.slack.oauth).toEqual({
      clientId: '1111.2222',
      clientSecret: 'client-secret',
      stateSecret: 'a-state-secret-of-some-length',
      tokenKey: 'ab'.repeat(32),
    });
  });

  it('names every missing OAuth variable, and refuses a bot token alongside', () => {
    expect(() => loadConfig({ SLACK_CLIENT_ID: '1', SLACK_SIGNING_SECRET: 's' })).toThrow(
      /SLACK_CLIENT_SECRET is not set[\s\S]*SLACK_STATE_SECRET is not set[\s\S]*SLACK_TOKEN_KEY is not set/,
    );
    expect(() => loadConfig({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toThrow(
      /both set/,
    );
    expect(() => loadConfig({ ...oauth })).toThrow(/SLACK_SIGNING_SECRET \(HTTP\) or SLACK_APP_TOKEN/);
  });

  it('refuses a token key that is not 32 bytes', () => {
    expect(() => loadConfig({ ...oauth, SLACK_TOKEN_KEY: 'short', SLACK_SIGNING_SECRET: 's' })).toThrow(
      /SLACK_TOKEN_KEY: must be 32 bytes/,
    );
  });
});
