import { setBounded } from '../core/bounded-map.js';
import type { Workspace } from '../core/reminders/model.js';

/** What the bot reads from a users.info answer: the profile's zone and the admin flags. */
export interface SlackUser {
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** The users.info method (users:read scope). */
export interface UserInfoClient {
  users: { info(args: { user: string }): Promise<{ user?: SlackUser }> };
}

/** A user's users.info answer no older than `maxAgeMs`, from the cache or from Slack. */
export type UserInfo = (
  userId: string,
  workspace: Workspace | undefined,
  maxAgeMs: number,
) => Promise<SlackUser | undefined>;

/**
 * The one users.info cache, shared by the zone lookup and the admin check: each answer is kept with the
 * time it came, each reader says how old an answer it accepts (a zone an hour, admin standing five
 * minutes), and readers asking at the same time share one call. A failed call is not kept.
 */
export function createUserInfoCache(
  clientFor: (workspace: Workspace | undefined) => Promise<UserInfoClient>,
  options: { maxEntries?: number; now?: () => number } = {},
): UserInfo {
  const max = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const answers = new Map<string, { user?: SlackUser; at: number }>();
  const asking = new Map<string, Promise<SlackUser | undefined>>();
  return (userId, workspace, maxAgeMs) => {
    const key = `${workspace?.teamId ?? ''}:${userId}`;
    const hit = answers.get(key);
    if (hit && now() - hit.at < maxAgeMs) return Promise.resolve(hit.user);
    const pending = asking.get(key);
    if (pending) return pending;
    const ask = (async () => {
      const { user } = await (await clientFor(workspace)).users.info({ user: userId });
      setBounded(answers, key, { user, at: now() }, max);
      return user;
    })().finally(() => asking.delete(key));
    asking.set(key, ask);
    return ask;
  };
}
