import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SlackIds } from '../../src/slack/ids.js';

// Slack's schema and example, copied into the repository (see tests/fixtures/interop/README.md).
const schemaUrl = new URL('../fixtures/interop/slack/manifest.schema.1.0.0.json', import.meta.url);
const exampleUrl = new URL('../fixtures/interop/slack/manifest.valid.example.json', import.meta.url);
const manifestUrl = new URL('../../manifest.yml', import.meta.url);

/**
 * Slack's draft-07 schema uses three keywords of its own. `_note` and `requires` are annotations; `regex`
 * is a pattern (on background_color), so it is checked rather than ignored. The schema's one format,
 * `uri`, is added by hand (ajv-formats is not a dependency), so formats stay validated.
 */
function compileSchema(): ValidateFunction {
  // strictTypes off: Slack's schema puts `minItems` on string items in its third-party-auth section.
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addKeyword({ keyword: '_note' });
  ajv.addKeyword({ keyword: 'requires' });
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
  });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv.compile(JSON.parse(readFileSync(schemaUrl, 'utf8')));
}

/** The parts of the manifest these tests read. */
interface Manifest {
  display_information: { name: string };
  features: {
    bot_user: unknown;
    app_home?: Record<string, boolean>;
    slash_commands: { command: string; usage_hint: string; should_escape: boolean; url?: string }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { event_subscriptions?: { bot_events: string[] } } & Record<string, unknown>;
}

/** The scope Slack requires before it delivers each bot event (api.slack.com/events); null for none. */
const EVENT_SCOPES: Record<string, string | null> = {
  app_home_opened: null,
  app_mention: 'app_mentions:read',
  link_shared: 'links:read',
  'message.im': 'im:history',
  // App lifecycle events need no scope.
  app_uninstalled: null,
  tokens_revoked: null,
};

describe('manifest.yml', () => {
  it('declares the unfurl domains that .env.example configures', () => {
    const domains = (manifest.features as { unfurl_domains?: string[] }).unfurl_domains;
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const configured = /^UNFURL_DOMAINS=(.*)$/m.exec(example)?.[1]?.split(',') ?? [];
    expect(domains?.length).toBeGreaterThan(0);
    expect(configured).toEqual(domains);
  });

  it('declares every shortcut with the callback ids the listeners answer', () => {
    const shortcuts = (manifest.features as { shortcuts?: { type: string; callback_id: string }[] })
      .shortcuts;
    expect(shortcuts?.map((s) => [s.type, s.callback_id])).toEqual([
      ['global', SlackIds.surfaces.searchShortcut],
      ['message', SlackIds.surfaces.mentionedShortcut],
      ['global', SlackIds.surfaces.addEventShortcut],
    ]);
  });

  let validate: ValidateFunction;
  let manifest: Manifest;

  beforeAll(() => {
    validate = compileSchema();
    manifest = parse(readFileSync(manifestUrl, 'utf8'));
  });

  it('the validator accepts Slack’s own example and rejects a broken manifest', () => {
    const example = JSON.parse(readFileSync(exampleUrl, 'utf8'));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ display_information: { name: 'x', background_color: 'blue' } })).toBe(false);
    expect(validate({ features: {} })).toBe(false);
  });

  it('validates against Slack’s manifest schema', () => {
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('declares the /event command with its usage hint, unescaped', () => {
    const commands = manifest.features.slash_commands;
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ command: '/event', should_escape: false });
    expect(commands[0].usage_hint).toContain('remind <event> [when]');
    expect(commands[0].url).toBeUndefined();
  });

  it('asks for exactly the minimal bot scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        'channels:history',
        'chat:write',
        'chat:write.public',
        'commands',
        'groups:history',
        'im:history',
        'im:write',
        'users:read',
        'usergroups:read',
        'app_mentions:read',
        'links:read',
        'links:write',
      ].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('justifies every scope it asks for in the README’s scope table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.split('\n').filter((line) => line.startsWith('| `'));
    for (const scope of manifest.oauth_config.scopes.bot)
      expect(
        table.some((row) => row.split('|')[1]?.includes(`\`${scope}\``)),
        `README has no row justifying ${scope}`,
      ).toBe(true);
  });

  it('subscribes to each event it answers, with the scope Slack requires for it', () => {
    const events = manifest.settings.event_subscriptions?.bot_events ?? [];
    expect(events).toEqual(expect.arrayContaining(['app_home_opened', 'app_mention', 'message.im']));
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    for (const event of events) {
      const scope = EVENT_SCOPES[event];
      expect(scope, `no scope known for ${event}`).toBeDefined();
      if (scope) expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
  });

  it('runs in Socket Mode with interactivity on', () => {
    expect(manifest.settings).toEqual({
      event_subscriptions: manifest.settings.event_subscriptions,
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    });
    expect(manifest.display_information.name).toBe('Event Archive');
    expect(manifest.features.bot_user).toEqual({ display_name: 'eventbot', always_online: false });
  });
});

describe('OAuth install scopes', () => {
  it('asks for exactly the bot scopes the manifest declares', async () => {
    const { BOT_SCOPES } = await import('../../src/slack/oauth/index.js');
    const manifest = parse(readFileSync(manifestUrl, 'utf8')) as Manifest;
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('subscribes to the uninstall events the installation store cleans up after', () => {
    const manifest = parse(readFileSync(manifestUrl, 'utf8')) as Manifest & {
      settings: { event_subscriptions?: { bot_events?: string[] } };
    };
    expect(manifest.settings.event_subscriptions?.bot_events).toEqual(
      expect.arrayContaining(['app_uninstalled', 'tokens_revoked']),
    );
  });
});
