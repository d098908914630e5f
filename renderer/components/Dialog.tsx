import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The buttons row; the first button gets focus when the dialog opens. */
  actions: ReactNode;
}

/** Open dialogs, oldest first: only the last one answers Escape and keeps Tab inside. */
const openDialogs: HTMLElement[] = [];

const isTopmost = (el: HTMLElement | null) => el !== null && openDialogs[openDialogs.length - 1] === el;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden], [inert]'));
}

/** The page's title: where focus goes when the control that opened a dialog is gone. */
function focusHeading(): void {
  const h1 = document.querySelector<HTMLElement>('main h1');
  if (!h1) return;
  if (!h1.hasAttribute('tabindex')) h1.tabIndex = -1;
  h1.focus();
}

/**
 * Back to the control that opened the dialog. The action may remove it a moment later (a fully
 * paid invoice loses "Record payment", a reversed payment its row); then the page's title takes focus.
 */
function restoreFocus(opener: HTMLElement | null): void {
  if (!opener || !opener.isConnected || opener.matches(':disabled')) {
    focusHeading();
    return;
  }
  opener.focus();
  if (document.activeElement !== opener) {
    focusHeading();
    return;
  }
  const observer = new MutationObserver(() => {
    if (opener.isConnected) return;
    stop();
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && openDialogs.length === 0) focusHeading();
  });
  const onFocusIn = (event: FocusEvent) => {
    if (event.target !== opener) stop();
  };
  const timer = window.setTimeout(() => stop(), 10_000);
  function stop() {
    observer.disconnect();
    document.removeEventListener('focusin', onFocusIn);
    window.clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  document.addEventListener('focusin', onFocusIn);
}

/**
 * A modal dialog: named by its title, focus starts on its first button and stays inside (Tab wraps),
 * Escape closes the topmost one only, and focus goes back where it was when it closes.
 */
export function Dialog({ title, onClose, children, actions }: DialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    const active = document.activeElement;
    // Nothing focused (the opener was disabled while it worked): no opener to go back to.
    const previous = active instanceof HTMLElement && active !== document.body ? active : null;
    if (el) openDialogs.push(el);
    // Focus goes to the first button, but a long dialog stays scrolled to its title, where reading starts.
    el?.querySelector<HTMLButtonElement>('.dialog-actions button')?.focus({ preventScroll: true });
    if (el) el.scrollTop = 0;
    return () => {
      const at = el ? openDialogs.indexOf(el) : -1;
      if (at >= 0) openDialogs.splice(at, 1);
      // A dialog closing under another one leaves focus to that one.
      if (openDialogs.length === 0) restoreFocus(previous);
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const el = ref.current;
      if (!isTopmost(el) || !el) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        onClose();
        return;
      }
      if (event.key !== 'Tab' || event.ctrlKey || event.metaKey || event.altKey) return;
      const items = focusables(el);
      const first = items[0];
      const last = items[items.length - 1];
      const active = document.activeElement;
      if (!first || !last) {
        event.preventDefault();
        return;
      }
      const inside = active instanceof Node && el.contains(active);
      if (event.shiftKey && (!inside || active === first)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (!inside || active === last)) {
        event.preventDefault();
        first.focus();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId}>
        <h2 id={titleId} className="dialog-title">{title}</h2>
        <div id={bodyId} className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}
