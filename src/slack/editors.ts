import type { Logger } from '@slack/bolt';
import type { Workspace } from '../core/reminders/model.js';

/** The Web API methods the editor check calls (users:read, usergroups:read). */
export interface EditorClient {
  users: {
    info(args: {
      user: string;
    }): Promise<{ user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } }>;
  };
  usergroups: { users: { list(args: { usergroup: string }): Promise<{ users?: string[] }> } };
}

export interface EditorCheckOptions {
  /** EVENT_EDITORS: user ids (U…, W…) and user group ids (S…); empty: workspace admins and owners. */
  editors: readonly string[];
  logger?: Pick<Logger, 'warn'>;
  /** How long an answer is trusted; a user removed from a group loses the right within this. Default 5 min. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Who may add and edit events from Slack and read the gaps report: the users and members of the user
 * groups in EVENT_EDITORS (groups read with usergroups.users.list), or, when it is empty, the
 * workspace's admins and owners (users.info). Answers are cached a few minutes. A failing Slack call
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
    const client = await clientFor(workspace);
    if (!options.editors.length) {
      const user = (await client.users.info({ user: userId })).user;
      return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    }
    if (users.has(userId)) return true;
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
