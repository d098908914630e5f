import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import type { CloudAccount } from './account';
import type { SyncEngine } from './engine';
import { dismissProblem, listProblems } from './problems';
import { refreshOverappliedProblems } from './overapplied';

/** Settings → Account & sync, People and Devices, and the sync status everywhere. */
export function cloudHandlers(ctx: CoreContext, account: CloudAccount, engine: SyncEngine) {
  return {
    'cloud.account': () => account.view(),
    'cloud.setServer': (input) => account.setServer(input.url),
    'cloud.signUp': (input) => account.signUp(input),
    'cloud.signIn': (input) => account.signIn(input),
    'cloud.emailLink': (input) => account.emailLink(input),
    'cloud.sso': (input) => account.sso(input),
    'cloud.finishSignIn': () => account.finishSignIn(),
    'cloud.acceptInvitation': (input) => account.acceptInvitation(input.token),
    'cloud.createOrg': (input) => account.createOrg(input.name),
    'cloud.join': (input) => account.join(input),
    'cloud.signOut': () => account.signOut(),
    'cloud.removeLocalBooks': () => account.removeLocalBooks(),
    'cloud.people': () => account.people(),
    'cloud.invite': (input) => account.invite(input),
    'cloud.changeRole': (input) => account.changeRole(input.accountId, input.role),
    'cloud.removePerson': (input) => account.removePerson(input.accountId),
    'cloud.revokeInvitation': (input) => account.revokeInvitation(input.invitationId),
    'cloud.devices': () => account.devices(),
    'cloud.revokeDevice': (input) => account.revokeDevice(input.deviceId),
    'cloud.audit': (input) => account.audit(input.before),
    'sync.status': () => engine.status(),
    'sync.now': () => engine.syncNow(),
    'sync.problems': () => {
      // Money that came or an allocation taken off since may have settled what a problem names.
      // Read-only books (damaged) cannot write that down: they list what they hold.
      try {
        refreshOverappliedProblems(ctx);
      } catch {
        // listed as they are
      }
      return listProblems(ctx.sql);
    },
    'sync.dismissProblem': (input) => {
      dismissProblem(ctx, input.id);
      ctx.events.emit('sync.status', engine.status());
      return listProblems(ctx.sql);
    },
  } satisfies Partial<HandlerMap>;
}
