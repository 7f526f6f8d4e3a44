import { describe, expect, it } from 'vitest';
import { createEditorCheck } from '../../src/slack/editors.js';
import { createUserZoneLookup } from '../../src/slack/notifier.js';
import { createUserInfoCache, type SlackUser } from '../../src/slack/user-info.js';

const A = { teamId: 'T0AAA', enterpriseId: '' };

/** One users.info cache behind both readers, over a fake users.info that counts its calls. */
function readers(users: Record<string, SlackUser>) {
  let now = 0;
  const asked: string[] = [];
  const userInfo = createUserInfoCache(
    async () => ({
      users: {
        info: async ({ user }: { user: string }) => {
          asked.push(user);
          await new Promise((resolve) => setImmediate(resolve));
          return { user: users[user] };
        },
      },
    }),
    { now: () => now },
  );
  const zoneOf = createUserZoneLookup(userInfo, { fallbackZone: 'UTC' });
  const noGroups = async () => ({ usergroups: { users: { list: async () => ({ users: [] }) } } });
  const isAdmin = createEditorCheck(noGroups, { editors: [], userInfo, now: () => now });
  return { zoneOf, isAdmin, asked, later: (ms: number) => (now += ms) };
}

describe('the one users.info cache', () => {
  it('answers the zone lookup and the admin check asked together with one users.info call', async () => {
    const { zoneOf, isAdmin, asked } = readers({ U1: { tz: 'Europe/Oslo', is_admin: true } });

    const [zone, admin] = await Promise.all([zoneOf('U1', A), isAdmin('U1', A)]);

    expect([zone, admin]).toEqual(['Europe/Oslo', true]);
    expect(asked).toEqual(['U1']);
  });

  it('serves a later admin check from the zone lookup’s answer, and asks again once it is five minutes old', async () => {
    const { zoneOf, isAdmin, asked, later } = readers({ U1: { tz: 'Asia/Tokyo', is_owner: true } });

    expect(await zoneOf('U1', A)).toBe('Asia/Tokyo');
    later(60_000);
    expect(await isAdmin('U1', A)).toBe(true);
    later(5 * 60_000);
    expect(await zoneOf('U1', A)).toBe('Asia/Tokyo');
    expect(await isAdmin('U1', A)).toBe(true);

    expect(asked).toEqual(['U1', 'U1']);
  });

  it('keeps workspaces apart and a plain member is no admin', async () => {
    const { isAdmin, asked } = readers({ U2: { tz: 'UTC' } });

    expect(await isAdmin('U2', A)).toBe(false);
    expect(await isAdmin('U2', { teamId: 'T0BBB', enterpriseId: '' })).toBe(false);

    expect(asked).toEqual(['U2', 'U2']);
  });
});
