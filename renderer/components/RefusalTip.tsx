// The reason a refused control gives (components/Guarded.tsx), shown beside it while the pointer is
// over it or it has keyboard focus: one tooltip for the whole app, kept inside the window. Screen
// readers hear the same words from the control's aria-description.
import { useEffect, useState } from 'react';

interface Tip {
  text: string;
  left: number;
  top: number;
}

const WIDTH = 320;
const GAP = 6;

function tipFor(el: Element): Tip | null {
  const text = el.getAttribute('aria-description');
  if (!text) return null;
  const box = el.getBoundingClientRect();
  const left = Math.max(8, Math.min(box.left, window.innerWidth - WIDTH - 8));
  return { text, left, top: box.bottom + GAP };
}

const refusedAt = (target: EventTarget | null): Element | null => (target instanceof Element ? target.closest('[data-refused]') : null);

export function RefusalTip() {
  const [tip, setTip] = useState<Tip | null>(null);
  useEffect(() => {
    const over = (event: Event) => {
      const el = refusedAt(event.target);
      setTip(el ? tipFor(el) : null);
    };
    const focus = (event: FocusEvent) => {
      const el = refusedAt(event.target);
      // Only for keyboard focus: a click already showed it on hover.
      setTip(el && el.matches(':focus-visible') ? tipFor(el) : null);
    };
    const hide = () => setTip(null);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') hide();
    };
    document.addEventListener('pointerover', over);
    document.addEventListener('focusin', focus);
    document.addEventListener('focusout', hide);
    window.addEventListener('scroll', hide, true);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerover', over);
      document.removeEventListener('focusin', focus);
      document.removeEventListener('focusout', hide);
      window.removeEventListener('scroll', hide, true);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  if (!tip) return null;
  // aria-hidden: the control already describes itself; this is the same words for the eyes.
  return (
    <div className="refusal-tip" aria-hidden="true" style={{ left: tip.left, top: tip.top, maxWidth: WIDTH }}>
      {tip.text}
    </div>
  );
}
