import type { Installation } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstallationStore } from '../../../src/slack/oauth/installation-store.js';
import { createTokenCipher, parseTokenKey } from '../../../src/slack/oauth/token-cipher.js';
import { migrate, openDatabase } from '../../../src/storage/database.js';
import {
  type InstallationRepository,
  SqliteInstallationRepository,
} from '../../../src/storage/installation-repository.js';
import { migratePostgres, openPostgres, type PgPool } from '../../../src/storage/postgres/database.js';
import { PgInstallationRepository } from '../../../src/storage/postgres/installation-repository.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';

const KEY = parseTokenKey('a'.repeat(64))!;

function installation(team: string, token: string, extra: Partial<Installation> = {}): Installation {
  return {
    team: { id: team, name: `Workspace ${team}` },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    bot: { token, scopes: ['commands', 'chat:write'], id: 'B0BOT', userId: 'U0BOT' },
    appId: 'A0APP',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
    ...extra,
  } as Installation;
}

let pgDb: TestDatabase;
let pool: PgPool;
beforeAll(async () => {
  pgDb = await createTestDatabase();
  pool = openPostgres(pgDb.url);
  await migratePostgres(pool);
});
afterAll(async () => {
  await pool.end();
  await pgDb.drop();
});

/** The raw sealed column, to prove no token is stored in the clear. */
type Raw = () => Promise<string[]>;

const stores: [string, () => { repo: InstallationRepository; raw: Raw }][] = [
  [
    'SQLite',
    () => {
      const db = openDatabase(':memory:');
      migrate(db);
      const raw: Raw = async () =>
        db
          .prepare<[], { sealed: string }>('SELECT sealed FROM slack_installations')
          .all()
          .map((r) => r.sealed);
      return { repo: new SqliteInstallationRepository(db), raw };
    },
  ],
  [
    'PostgreSQL (real server)',
    () => {
      const raw: Raw = async () =>
        (await pool.query<{ sealed: string }>('SELECT sealed FROM slack_installations')).rows.map(
          (r) => r.sealed,
        );
      return { repo: new PgInstallationRepository(pool), raw };
    },
  ],
];

describe.each(stores)('installation store on %s', (_name, make) => {
  it('stores an install sealed, and fetch returns the latest bot token of that team only', async () => {
    const { repo, raw } = make();
    await pool.query('DELETE FROM slack_installations');
    const store = createInstallationStore(repo, createTokenCipher(KEY));
    await store.storeInstallation(installation('T0AAA', 'xoxb-aaa-1'));
    await store.storeInstallation(installation('T0BBB', 'xoxb-bbb-1'));
    await store.storeInstallation(installation('T0AAA', 'xoxb-aaa-2'));
    const a = await store.fetchInstallation({
      teamId: 'T0AAA',
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    const b = await store.fetchInstallation({
      teamId: 'T0BBB',
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    expect(a.bot?.token).toBe('xoxb-aaa-2');
    expect(b.bot?.token).toBe('xoxb-bbb-1');
    for (const sealed of await raw()) expect(sealed).not.toMatch(/xoxb|T0AAA|B0BOT/);
    await expect(
      store.fetchInstallation({ teamId: 'T0CCC', isEnterpriseInstall: false, enterpriseId: undefined }),
    ).rejects.toThrow(/no installation for workspace T0CCC/);
  });

  it('merges a rotation that stores fewer fields, keeping what it left out', async () => {
    const { repo } = make();
    const store = createInstallationStore(repo, createTokenCipher(KEY));
    await store.storeInstallation(
      installation('T0ROT', 'xoxe.xoxb-1', {
        incomingWebhook: { url: 'https://hooks.example/1', channelId: 'C1' },
      }),
    );
    // What a rotation writes back: new bot token fields, nothing about the webhook or the app.
    await store.storeInstallation({
      team: { id: 'T0ROT' },
      enterprise: undefined,
      user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
      bot: {
        token: 'xoxe.xoxb-2',
        refreshToken: 'xoxe-1-r2',
        expiresAt: 2_000_000_000,
      } as Installation['bot'],
    } as Installation);
    const got = await store.fetchInstallation({
      teamId: 'T0ROT',
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    expect(got.bot).toMatchObject({
      token: 'xoxe.xoxb-2',
      refreshToken: 'xoxe-1-r2',
      expiresAt: 2_000_000_000,
      userId: 'U0BOT',
      id: 'B0BOT',
    });
    expect(got.appId).toBe('A0APP');
    expect(got.team?.name).toBe('Workspace T0ROT');
    expect(got.incomingWebhook?.url).toBe('https://hooks.example/1');
  });

  it('keys an org-wide install on the enterprise, so every workspace of the org finds it', async () => {
    const { repo } = make();
    const store = createInstallationStore(repo, createTokenCipher(KEY));
    await store.storeInstallation(
      installation('T0IGNORED', 'xoxb-org', {
        team: undefined,
        enterprise: { id: 'E0ORG', name: 'Org' },
        isEnterpriseInstall: true,
      } as Partial<Installation>),
    );
    const got = await store.fetchInstallation({
      teamId: 'T0ANY',
      enterpriseId: 'E0ORG',
      isEnterpriseInstall: true,
    });
    expect(got.bot?.token).toBe('xoxb-org');
  });

  it('deletes idempotently: app_uninstalled then tokens_revoked, or twice', async () => {
    const { repo } = make();
    const store = createInstallationStore(repo, createTokenCipher(KEY));
    await store.storeInstallation(installation('T0DEL', 'xoxb-del'));
    const q = { teamId: 'T0DEL', isEnterpriseInstall: false, enterpriseId: undefined };
    await store.deleteInstallation(q);
    await store.deleteInstallation(q);
    await expect(store.fetchInstallation(q)).rejects.toThrow(/no installation/);
  });

  it('refuses to open installations with another key, instead of handing out garbage', async () => {
    const { repo } = make();
    await createInstallationStore(repo, createTokenCipher(KEY)).storeInstallation(
      installation('T0KEY', 'xoxb-k'),
    );
    const other = createInstallationStore(repo, createTokenCipher(parseTokenKey('b'.repeat(64))!));
    await expect(
      other.fetchInstallation({ teamId: 'T0KEY', isEnterpriseInstall: false, enterpriseId: undefined }),
    ).rejects.toThrow(/SLACK_TOKEN_KEY/);
  });
});

describe('token key', () => {
  it('takes 64 hex digits or base64 of 32 bytes, nothing shorter', () => {
    expect(parseTokenKey('0'.repeat(64))?.length).toBe(32);
    expect(parseTokenKey(Buffer.alloc(32, 7).toString('base64'))?.length).toBe(32);
    expect(parseTokenKey('short')).toBeUndefined();
    expect(parseTokenKey('0'.repeat(62))).toBeUndefined();
  });
});
