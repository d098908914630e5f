import { useEffect, useState } from 'react';
import { onEvent } from '../api';

export interface JobProgress {
  progress: number;
  label: string;
}

/**
 * The latest 'jobs.progress' of each running job, by job id. Progress comes often, so a screen
 * shows it from here instead of refetching its list for every step.
 */
export function useJobProgress(): ReadonlyMap<string, JobProgress> {
  const [progress, setProgress] = useState<ReadonlyMap<string, JobProgress>>(new Map());
  useEffect(
    () =>
      onEvent('jobs.progress', ({ id, progress: fraction, label }) => {
        setProgress((current) => new Map(current).set(id, { progress: fraction, label }));
      }),
    [],
  );
  return progress;
}
