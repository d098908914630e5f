// The AI panel for a saved draft: shown for drafts made from a sentence (or ever sent to AI).
import type { Invoice } from '../../../../shared/domain/invoice';
import { AiRefinementPanel } from './AiRefinementPanel';
import { useDraftAiStatus } from './useDraftAiStatus';

interface DraftAiSectionProps {
  draft: Invoice;
  dirty: boolean;
  onReplaced: (invoice: Invoice, message: string) => void;
}

export function DraftAiSection({ draft, dirty, onReplaced }: DraftAiSectionProps) {
  const { status, progress } = useDraftAiStatus(draft.id);
  // Until it is known, nothing: a draft typed by hand never shows the panel, so it must not flash.
  if (status.state !== 'ready') return null;
  const value = status.value;
  if (value.prompt === null && value.job === null) return null;
  return (
    <AiRefinementPanel
      status={value}
      progress={progress}
      currentVersion={draft.draft.version}
      dirty={dirty}
      onStatus={status.set}
      onReplaced={onReplaced}
    />
  );
}
