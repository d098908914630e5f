// A section's Save button, with "Unsaved changes" and, after a refused save, where to look.
import { MOD_KEY } from '../../lib/modKey';
import { GuardedButton } from '../../components/Guarded';

interface SectionActionsProps {
  busy: boolean;
  dirty: boolean;
  errors: Record<string, string>;
  saveLabel: string;
}

export function SectionActions({ busy, dirty, errors, saveLabel }: SectionActionsProps) {
  const refused = Object.keys(errors).length > 0;
  return (
    <div className="form-actions">
      <GuardedButton action="settings.write" type="submit" className="btn btn-primary" disabled={busy} aria-keyshortcuts="Control+S">{busy ? 'Saving…' : saveLabel}</GuardedButton>
      {dirty && <span className="settings-dirty">Unsaved changes</span>}
      {refused && <span className="field-error">Not saved: fix the fields marked above.</span>}
      <span className="form-keys muted">
        <kbd>{MOD_KEY}</kbd>+<kbd>S</kbd> saves this section
      </span>
    </div>
  );
}
