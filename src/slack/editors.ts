import type { Logger } from '@slack/bolt';
import type { Workspace } from '../core/reminders/model.js';
import type { UserInfo } from './user-info.js';

/** The Web API method the editor check calls for EVENT_EDITORS' user groups (usergroups:read). */
export interface EditorClient {
  usergroups: { users: { list(args: { usergroup: string }): Promise<{ users?: string[] }> } };
}

export interface EditorCheckOptions {
  /** EVENT_EDITORS: user ids (U…, W…) and user group ids (S…); empty: workspace admins and owners. */
  editors: readonly string[];
  /** users.info through the cache the zone lookup shares, for admin and owner standing. */
  userInfo: UserInfo;
  logger?: Pick<Logger, 'warn'>;
  /** How long an answer is trusted; a user removed from a group loses the right within this. Default 5 min. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Who may add and edit events from Slack and read the gaps report: the users and members of the user
 * groups in EVENT_EDITORS (groups read with usergroups.users.list), or, when it is empty, the
 * workspace's admins and owners (users.info, shared with the zone lookup). Answers are cached a few minutes. A failing Slack call
 * means "not an editor": a refusal that says why beats letting anyone write to the archive.
 */
export function createEditorCheck(
  clientFor: (workspace?: Workspace) => Promise<EditorClient>,
  options: EditorCheckOptions,
): (userId: string, workspace?: Workspace) => Promise<boolean> {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const users = new Set(options.editors.filter((id) => !id.startsWith('S')));
  const groups = options.editors.filter((id) => id.startsWith('S'));
  const cache = new Map<string, { editor: boolean; until: number }>();
  const decide = async (userId: string, workspace?: Workspace): Promise<boolean> => {
    if (!options.editors.length) {
      const user = await options.userInfo(userId, workspace, ttl);
      return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    }
    if (users.has(userId)) return true;
    const client = await clientFor(workspace);
    for (const usergroup of groups) {
      const members = (await client.usergroups.users.list({ usergroup })).users ?? [];
      if (members.includes(userId)) return true;
    }
    return false;
  };
  return async (userId, workspace) => {
    const key = `${workspace?.teamId ?? ''}:${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.editor;
    try {
      const editor = await decide(userId, workspace);
      if (cache.size >= 10_000) cache.delete(cache.keys().next().value as string);
      cache.set(key, { editor, until: now() + ttl });
      return editor;
    } catch (error) {
      options.logger?.warn(
        `checking whether ${userId} is an editor failed; treating them as not one:`,
        error instanceof Error ? error.message : String(error),
      );
      return false;
    }
  };
}
