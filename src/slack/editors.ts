import type { Logger } from '@slack/bolt';
import { setBounded } from '../core/bounded-map.js';
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
 * groups in EVENT_EDITORS (groups read with usergroups.users.list, membership cached a few minutes),
 * or, when it is empty, the workspace's admins and owners (users.info, through the cache the zone
 * lookup shares). A failing Slack call means "not an editor": a refusal that says why beats letting
 * anyone write to the archive.
 */
export function createEditorCheck(
  clientFor: (workspace?: Workspace) => Promise<EditorClient>,
  options: EditorCheckOptions,
): (userId: string, workspace?: Workspace) => Promise<boolean> {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const users = new Set(options.editors.filter((id) => !id.startsWith('S')));
  const groups = options.editors.filter((id) => id.startsWith('S'));
  const members = new Map<string, { editor: boolean; until: number }>();
  const inGroups = async (userId: string, workspace?: Workspace): Promise<boolean> => {
    const key = `${workspace?.teamId ?? ''}:${userId}`;
    const hit = members.get(key);
    if (hit && hit.until > now()) return hit.editor;
    const client = await clientFor(workspace);
    let editor = false;
    for (const usergroup of groups) {
      editor = ((await client.usergroups.users.list({ usergroup })).users ?? []).includes(userId);
      if (editor) break;
    }
    setBounded(members, key, { editor, until: now() + ttl });
    return editor;
  };
  const decide = async (userId: string, workspace?: Workspace): Promise<boolean> => {
    if (options.editors.length) return users.has(userId) || inGroups(userId, workspace);
    const user = await options.userInfo(userId, workspace, ttl);
    return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
  };
  return async (userId, workspace) => {
    try {
      return await decide(userId, workspace);
    } catch (error) {
      options.logger?.warn(
        `checking whether ${userId} is an editor failed; treating them as not one:`,
        error instanceof Error ? error.message : String(error),
      );
      return false;
    }
  };
}
