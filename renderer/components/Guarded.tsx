// Buttons and links that change the books, offered only as far as the signed-in role allows. A
// refused one stays in its place, reads as disabled (aria-disabled, so it can still be focused and
// its reason read), says why on hover and on keyboard focus (RefusalTip, one for the app) and to
// screen readers (aria-description), and does nothing when pressed: a submit button does not submit
// its form. No `title`: the browser's own tooltip would repeat the same words a second later.
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, MouseEvent } from 'react';
import type { Action } from '../../shared/permissions';
import { useCan, type Permission } from '../lib/useCan';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { action: Action };

/** The attributes that make a control read as refused, for controls that are not a plain button. */
export function refusedProps(permission: Permission) {
  if (permission.allowed) return {};
  return {
    'aria-disabled': true,
    'aria-description': permission.reason,
    'data-refused': '',
  } as const;
}

const swallow = (event: MouseEvent) => {
  event.preventDefault();
  event.stopPropagation();
};

export function GuardedButton({ action, onClick, title, type = 'button', ...rest }: ButtonProps) {
  const permission = useCan(action);
  if (permission.allowed) return <button {...rest} type={type} title={title} onClick={onClick} />;
  return <button {...rest} type={type} {...refusedProps(permission)} onClick={swallow} />;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { action: Action; href: string };

/** A link that starts a change ("New invoice"): refused, it keeps its place but goes nowhere. */
export function GuardedLink({ action, href, onClick, title, ...rest }: LinkProps) {
  const permission = useCan(action);
  if (permission.allowed) return <a {...rest} href={href} title={title} onClick={onClick} />;
  // No href (so it goes nowhere); role and tabIndex keep it a focusable link whose reason can be read.
  return <a {...rest} role="link" tabIndex={0} {...refusedProps(permission)} onClick={swallow} />;
}
