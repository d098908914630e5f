// Once the books belong to an organisation, a channel that changes them first checks the signed-in
// person's role (the permission table in shared/), so a salesperson's Void is refused here with the
// same words the Cloud would use, instead of being undone at the next sync.
import { CHANNEL_ACTIONS } from '../../../shared/channelActions';
import { AppError } from '../../../shared/errors';
import { can, refusalMessage } from '../../../shared/permissions';
import type { CoreContext } from '../context';
import { cloudLink } from './state';

export function guardByRole<H extends Record<string, (input: never) => unknown>>(ctx: CoreContext, handlers: H): H {
  const guarded = { ...handlers } as Record<string, (input: never) => unknown>;
  for (const [channel, handler] of Object.entries(handlers)) {
    const action = CHANNEL_ACTIONS[channel];
    if (!action) continue;
    guarded[channel] = (input: never) => {
      const link = cloudLink(ctx.sql);
      if (link && !can(link.role, action)) throw new AppError('forbidden', refusalMessage(link.role, action));
      return handler(input);
    };
  }
  return guarded as H;
}
