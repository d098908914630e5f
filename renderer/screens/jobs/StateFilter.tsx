// How many jobs are in each state, each a button that shows only those.
import { JOB_STATE_LABELS, JOB_STATES, type JobCounts, type JobState } from '../../../shared/domain/jobs';
import { formatCount } from '../../lib/format';

interface StateFilterProps {
  counts: JobCounts;
  selected: JobState | '';
  onSelect: (state: JobState | '') => void;
}

export function StateFilter({ counts, selected, onSelect }: StateFilterProps) {
  const total = JOB_STATES.reduce((sum, s) => sum + counts[s], 0);
  const option = (state: JobState | '', label: string, count: number) => (
    <button
      key={state || 'all'}
      type="button"
      className={`state-chip state-chip-${state || 'all'}`}
      aria-pressed={selected === state}
      onClick={() => onSelect(state)}
    >
      <span>{label}</span>
      <span className="state-chip-count">{formatCount(count)}</span>
    </button>
  );
  return (
    <div className="state-filter" role="group" aria-label="Filter by state">
      {option('', 'All', total)}
      {JOB_STATES.map((s) => option(s, JOB_STATE_LABELS[s], counts[s]))}
    </div>
  );
}
