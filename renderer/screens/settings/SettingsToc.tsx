// "On this page": one link per Settings section. The address stays #/settings (the hash router owns
// it), so a link scrolls to its section's heading and moves focus there instead of changing the URL.
import { useEffect, useState, type MouseEvent } from 'react';
import { useReducedMotion } from '../../lib/useReducedMotion';
import { HEADINGS, SECTION_ORDER, type SectionKey } from './headings';

/** The section whose heading was last scrolled past the top third of the window. */
function useCurrentSection(): SectionKey {
  const [current, setCurrent] = useState<SectionKey>(SECTION_ORDER[0]!);
  useEffect(() => {
    const onScroll = () => {
      const line = window.innerHeight / 3;
      let found: SectionKey = SECTION_ORDER[0]!;
      for (const key of SECTION_ORDER) {
        const heading = document.getElementById(HEADINGS[key].id);
        if (heading && heading.getBoundingClientRect().top <= line) found = key;
      }
      // At the very bottom the last sections cannot reach the line: the last one is where the person is.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) found = SECTION_ORDER[SECTION_ORDER.length - 1]!;
      setCurrent(found);
    };
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, []);
  return current;
}

export function SettingsToc() {
  const reduced = useReducedMotion();
  const current = useCurrentSection();

  const go = (event: MouseEvent<HTMLAnchorElement>, key: SectionKey) => {
    // A modified click (new window) keeps the browser's own behaviour.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const heading = document.getElementById(HEADINGS[key].id);
    if (!heading) return;
    heading.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
    heading.focus({ preventScroll: true });
  };

  return (
    <nav className="settings-toc" aria-label="Settings sections">
      <p className="settings-toc-title" aria-hidden="true">On this page</p>
      <ul>
        {SECTION_ORDER.map((key) => (
          <li key={key}>
            <a href="#/settings" aria-current={current === key ? 'location' : undefined} onClick={(e) => go(e, key)}>
              {HEADINGS[key].title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
