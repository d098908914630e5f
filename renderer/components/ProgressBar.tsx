import './ProgressBar.css';

interface ProgressBarProps {
  /** How the bar is named for assistive tech, e.g. "Refining the draft for Baraka Hardware". */
  label: string;
  /** 0..max, or null when how far along is not known (the bar then only says "working"). */
  value: number | null;
  max?: number;
  /** What the value means in words: "3 of 5 drafts", "Asking Gemini". */
  valueText?: string;
  className?: string;
}

/** A labelled progress bar (role=progressbar with aria-valuenow), drawn with CSS so it looks the same everywhere. */
export function ProgressBar({ label, value, max = 1, valueText, className }: ProgressBarProps) {
  const fraction = value === null || max <= 0 ? null : Math.min(1, Math.max(0, value / max));
  return (
    <div
      className={`progress${fraction === null ? ' progress-unknown' : ''}${className ? ` ${className}` : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value ?? undefined}
      aria-valuetext={valueText}
    >
      <span className="progress-fill" style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
    </div>
  );
}
