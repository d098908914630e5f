// A settings section's form: Enter on its Save button and Ctrl/⌘+S anywhere in it save that section.
import type { ReactNode } from 'react';
import { saveOnCtrlS } from './useSectionShortcut';

export function SectionForm({ onSave, children }: { onSave: () => unknown; children: ReactNode }) {
  return (
    <form
      className="settings-form"
      noValidate
      onKeyDown={saveOnCtrlS(() => void onSave())}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      {children}
    </form>
  );
}
