import { DRAFT_AI_STATE_LABELS, type DraftAiState } from '../../shared/domain/drafting';
import './AiStateBadge.css';

/** Where a draft's AI refinement stands: "Waiting to refine", "Refined by AI"… coloured by how it went. */
export function AiStateBadge({ state }: { state: DraftAiState }) {
  return <span className={`badge badge-ai badge-ai-${state}`}>{DRAFT_AI_STATE_LABELS[state]}</span>;
}
