import './ConfidenceMeter.css';

/** High, medium or low, so the number means something at a glance. */
export function confidenceWord(confidence: number): 'high' | 'medium' | 'low' {
  return confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
}

/** "82% confident (high)" with a small bar: how sure the parser or the AI is of a draft. */
export function ConfidenceMeter({ confidence }: { confidence: number }) {
  const pct = Math.round(confidence * 100);
  const word = confidenceWord(confidence);
  return (
    <span className={`confidence confidence-${word}`}>
      <span className="confidence-bar" aria-hidden="true"><span style={{ width: `${pct}%` }} /></span>
      {pct}% confident <span className="muted">({word})</span>
    </span>
  );
}
