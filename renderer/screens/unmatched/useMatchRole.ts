// Whether the signed-in person's role lets them match money to invoices (the Unmatched inbox is an
// accountant's job), and the words to show when not. Books that are this computer's alone: yes.
import { invoke } from '../../api';
import { useRemote } from '../../lib/useRemote';
import { can, refusalMessage, type Action } from '../../../shared/permissions';

export function useCan(action: Action): { allowed: boolean; why: string | undefined } {
  const account = useRemote(() => invoke('cloud.account', {}), 'cloud.account');
  const role = account.state === 'ready' ? account.value.role : null;
  if (!role || !account.state || (account.state === 'ready' && !account.value.org)) return { allowed: true, why: undefined };
  return can(role, action) ? { allowed: true, why: undefined } : { allowed: false, why: refusalMessage(role, action) };
}
