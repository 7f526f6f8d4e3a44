import type { App, InstallationQuery, InstallationStore, Logger } from '@slack/bolt';
import type { OAuthConfig } from '../../config.js';
import { setBounded } from '../../core/bounded-map.js';
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
const INSTALL_PATH = '/slack/install';
const REDIRECT_PATH = '/slack/oauth_redirect';

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

/** What an installation store answers for a workspace: its bot token, refreshed first when it expires soon. */
export type AuthorizeWorkspace = (query: InstallationQuery<boolean>) => Promise<{ botToken?: string }>;

/**
 * The bot token of a workspace from Bolt's installer (`InstallProvider.authorize`, the same code path
 * Bolt uses for incoming requests): the installation's latest token, and, for an app with token
 * rotation, a token about to expire is first refreshed with oauth.v2.access (grant_type=refresh_token)
 * and the new one stored. Falls back to the store alone when the receiver has no installer.
 */
export function installerAuthorize(app: App, store: InstallationStore): AuthorizeWorkspace {
  // Bolt's receivers (HTTP and Socket Mode) both hold their @slack/oauth InstallProvider as `installer`.
  const receiver = (app as unknown as { receiver?: { installer?: { authorize: AuthorizeWorkspace } } })
    .receiver;
  const installer = receiver?.installer;
  if (installer) return (query) => installer.authorize(query);
  return storeAuthorize(store);
}

/** The store's latest token, unrefreshed: for callers without an app (tests, tools). */
function storeAuthorize(store: InstallationStore): AuthorizeWorkspace {
  return async (query) => ({ botToken: (await store.fetchInstallation(query)).bot?.token });
}

/**
 * Web API clients per workspace, with the installation's latest bot token asked for on every call (so
 * a reinstall or a rotated token is used at once), cached per token. For the dispatcher, users.info and
 * the Home tab, which run outside a request. Concurrent calls for one workspace share one authorize, so
 * a burst of posts refreshes an expiring token once, not once per post.
 */
export function workspaceClients<C>(
  authorize: AuthorizeWorkspace | InstallationStore,
  makeClient: (token: string) => C,
  maxClients = 1000,
): (workspace: Workspace | undefined) => Promise<C> {
  const tokenOf = typeof authorize === 'function' ? authorize : storeAuthorize(authorize);
  const clients = new Map<string, C>();
  const pending = new Map<string, Promise<{ botToken?: string }>>();
  return async (workspace) => {
    if (!workspace?.teamId && !workspace?.enterpriseId) {
      throw new Error('with OAuth distribution every delivery needs its workspace');
    }
    const key = `${workspace.enterpriseId}:${workspace.teamId}`;
    let asked = pending.get(key);
    if (!asked) {
      asked = tokenOf({
        teamId: workspace.teamId || undefined,
        enterpriseId: workspace.enterpriseId || undefined,
        isEnterpriseInstall: false,
      }).finally(() => pending.delete(key));
      pending.set(key, asked);
    }
    const token = (await asked).botToken;
    if (!token)
      throw new Error(`the installation of ${workspace.teamId || workspace.enterpriseId} has no bot token`);
    let client = clients.get(token);
    if (!client) client = setBounded(clients, token, makeClient(token), maxClients);
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
