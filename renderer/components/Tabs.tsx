import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef {
  key: string;
  label: string;
  render: () => ReactNode;
}

interface TabsProps {
  label: string;
  tabs: TabDef[];
  selected: string;
  onSelect: (key: string) => void;
}

/** ARIA tabs: arrow keys, Home and End move between tabs; only the chosen panel is rendered. */
export function Tabs({ label, tabs, selected, onSelect }: TabsProps) {
  const base = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const index = Math.max(0, tabs.findIndex((t) => t.key === selected));
  const current = tabs[index];

  const moveTo = (i: number) => {
    const target = tabs[(i + tabs.length) % tabs.length];
    if (!target) return;
    onSelect(target.key);
    listRef.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(`${base}-tab-${target.key}`)}`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    moveTo(to);
  };

  return (
    <div className="tabs">
      <div ref={listRef} role="tablist" aria-label={label} className="tablist" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`${base}-tab-${t.key}`}
            aria-selected={t.key === current?.key}
            aria-controls={`${base}-panel-${t.key}`}
            tabIndex={t.key === current?.key ? 0 : -1}
            className="tab"
            onClick={() => onSelect(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {current && (
        <div
          role="tabpanel"
          id={`${base}-panel-${current.key}`}
          aria-labelledby={`${base}-tab-${current.key}`}
          tabIndex={0}
          className="tabpanel"
        >
          {current.render()}
        </div>
      )}
    </div>
  );
}
