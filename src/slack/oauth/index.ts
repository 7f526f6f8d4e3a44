import type { App, InstallationStore, Logger } from '@slack/bolt';
import type { OAuthConfig } from '../../config.js';
import type { Workspace } from '../../core/reminders/model.js';
import type { InstallationRepository } from '../../storage/installation-repository.js';
import {
  createInstallationStore,
  type WorkspaceInstallationStore,
  type WorkspaceQuery,
} from './installation-store.js';
import { createTokenCipher, parseTokenKey } from './token-cipher.js';

/** The bot scopes an install asks for; manifest.yml's oauth_config.scopes.bot (a test keeps them equal). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'users:read',
  'usergroups:read',
  'im:write',
  'chat:write.public',
  'im:history',
  'channels:history',
  'groups:history',
  'app_mentions:read',
  'links:read',
  'links:write',
] as const;

/** Where people start an install, and where Slack sends them back (Bolt's defaults, named once). */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** The installation store over a repository (SQLite or PostgreSQL), sealed with the configured key. */
export function installationStoreOf(
  oauth: OAuthConfig,
  repo: InstallationRepository,
): WorkspaceInstallationStore {
  return createInstallationStore(repo, createTokenCipher(parseTokenKey(oauth.tokenKey)!));
}

/** The request's workspace under OAuth: its team and org ids, '' for a missing one. */
export function workspaceOf(ids: { teamId?: string; enterpriseId?: string }): Workspace {
  return { teamId: ids.teamId ?? '', enterpriseId: ids.enterpriseId ?? '' };
}

/**
 * Web API clients per workspace, with the installation's latest bot token (cached per token, so a
 * rotated token gets a new client). For the dispatcher and users.info, which run outside a request.
 */
export function workspaceClients<C>(
  store: InstallationStore,
  makeClient: (token: string) => C,
  maxClients = 1000,
): (workspace: Workspace | undefined) => Promise<C> {
  const clients = new Map<string, C>();
  return async (workspace) => {
    if (!workspace?.teamId && !workspace?.enterpriseId) {
      throw new Error('with OAuth distribution every delivery needs its workspace');
    }
    const installation = await store.fetchInstallation({
      teamId: workspace.teamId || undefined,
      enterpriseId: workspace.enterpriseId || undefined,
      isEnterpriseInstall: false,
    });
    const token = installation.bot?.token ?? '';
    let client = clients.get(token);
    if (!client) {
      if (clients.size >= maxClients) clients.delete(clients.keys().next().value as string);
      client = makeClient(token);
      clients.set(token, client);
    }
    return client;
  };
}

/**
 * Bolt's installer: `GET /slack/install` redirects straight to Slack's consent page with a signed
 * state (checked against a cookie on the way back, so any replica can serve the callback), and
 * `GET /slack/oauth_redirect` exchanges the code and stores the installation.
 */
export function oauthOptions(oauth: OAuthConfig, installationStore: InstallationStore) {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore,
    installerOptions: {
      directInstall: true,
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
    },
  };
}

/**
 * Bolt does not remove installations itself. `app_uninstalled` and `tokens_revoked` (which may arrive
 * after it, in any order, and more than once) both delete the workspace's installation; deleting a
 * missing one is fine, so either may come first. Bolt runs both without authorizing, as the token is gone.
 */
export function registerInstallationEvents(
  app: App,
  store: WorkspaceInstallationStore,
  logger: Logger,
): void {
  app.event('app_uninstalled', async ({ context }) => {
    await store.deleteInstallation(queryOf(context));
    logger.info(`uninstalled from ${context.teamId ?? context.enterpriseId}: installation removed`);
  });
  app.event('tokens_revoked', async ({ event, context }) => {
    if (!event.tokens.bot?.length) return;
    await store.deleteInstallation(queryOf(context));
    logger.info(`bot token revoked in ${context.teamId ?? context.enterpriseId}: installation removed`);
  });
}

function queryOf(context: {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}): WorkspaceQuery {
  return {
    teamId: context.teamId,
    enterpriseId: context.enterpriseId,
    isEnterpriseInstall: Boolean(context.isEnterpriseInstall),
  };
}
