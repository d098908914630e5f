import type { KeyboardEvent } from 'react';

/** Ctrl/⌘+S inside a settings section saves that section. */
export function saveOnCtrlS(save: () => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
    event.preventDefault();
    save();
  };
}
