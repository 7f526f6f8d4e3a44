import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { PublishHome } from '../../home-publisher.js';
import type { SlackServices } from '../../services.js';

/** The parts of Bolt's `app_home_opened` arguments this listener uses. */
export type AppHomeOpenedArgs = Pick<SlackEventMiddlewareArgs<'app_home_opened'>, 'event'> &
  Partial<Pick<AllMiddlewareArgs, 'context'>>;

/**
 * The Home tab opened: publish it fresh for this user (views.publish), from the workspace it was
 * opened in. The same event fires for the Messages tab, which needs nothing.
 */
export function appHomeOpenedListener(services: Pick<SlackServices, 'workspaceOf'>, publish: PublishHome) {
  return async ({ event, context }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const workspace = services.workspaceOf?.({
      teamId: context?.teamId,
      enterpriseId: context?.enterpriseId,
    });
    await publish(event.user, { workspace });
  };
}
