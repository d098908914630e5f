// The one question every control that changes the books asks: may the signed-in person's role do
// this? Not signed in to Billbook Cloud (or not yet in an organisation): everything is allowed.
// The core refuses a forbidden channel anyway, with the same words; this is the courtesy of not
// offering it.
import { can, refusalMessage, type Action, type Role } from '../../shared/permissions';
import { useCloud } from '../stores/cloud';

export interface Permission {
  allowed: boolean;
  /** Why not, in the words the Cloud would use; undefined when allowed. */
  reason: string | undefined;
}

const ALLOWED: Permission = { allowed: true, reason: undefined };

export function permissionOf(role: Role | null | undefined, action: Action): Permission {
  if (!role || can(role, action)) return ALLOWED;
  return { allowed: false, reason: refusalMessage(role, action) };
}

/** Whether the current role may do `action`, and why not. */
export function useCan(action: Action): Permission {
  const role = useCloud((s) => s.account?.role ?? null);
  return permissionOf(role, action);
}

/** The same answer outside React (a keyboard shortcut, a save started by Ctrl+S). */
export function canNow(action: Action): Permission {
  return permissionOf(useCloud.getState().account?.role ?? null, action);
}

/** The signed-in role, or null when these books are this computer's alone. */
export function useRole(): Role | null {
  return useCloud((s) => s.account?.role ?? null);
}
