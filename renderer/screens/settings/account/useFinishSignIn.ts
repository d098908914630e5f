// After an emailed link or single sign-on was started: asks every two seconds whether the person
// confirmed, until they did (the account moves on to choosing the organisation) or it expired.
import { useEffect, useState } from 'react';
import { invoke } from '../../../api';
import { errorMessage } from '../../../lib/format';
import { setAccount } from '../../../stores/cloud';

const EVERY_MS = 2000;

export function useFinishSignIn(waiting: boolean): { expired: boolean; problem: string | null } {
  const [expired, setExpired] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!waiting) return;
    setExpired(false);
    let live = true;
    let timer: number | undefined;
    const ask = async () => {
      try {
        const answer = await invoke('cloud.finishSignIn', {});
        if (!live) return;
        setProblem(null);
        if (answer.status === 'done') return setAccount(answer.account);
        if (answer.status === 'expired') return setExpired(true);
      } catch (e) {
        // The Cloud out of reach for a moment: keep asking, and say so.
        if (live) setProblem(errorMessage(e));
      }
      if (live) timer = window.setTimeout(() => void ask(), EVERY_MS);
    };
    timer = window.setTimeout(() => void ask(), EVERY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [waiting]);
  return { expired, problem };
}
