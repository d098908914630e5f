/** An indeterminate progress bar with a sentence saying what is happening. */
export function Busy({ label }: { label: string }) {
  return (
    <div className="busy">
      <progress aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
