// The window's idea of "now" follows the backend's clock, so both sides agree on the business date
// (the web host can put the books on a chosen day: `npm run web -- --today 2026-02-28`).
let offsetMs = 0;

/** Reads the backend's time once at start-up; on failure the window keeps its own clock. */
export async function syncClock(askBackend: () => Promise<{ now: string }>): Promise<void> {
  try {
    const { now } = await askBackend();
    const at = Date.parse(now);
    if (Number.isFinite(at)) offsetMs = at - Date.now();
  } catch {
    offsetMs = 0;
  }
}

/** Milliseconds since the epoch on the backend's clock. */
export function appNow(): number {
  return Date.now() + offsetMs;
}

/** A local calendar date as YYYY-MM-DD: business dates are local, never UTC. */
export function localDateOf(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Today's business date as YYYY-MM-DD. */
export function todayLocal(): string {
  return localDateOf(new Date(appNow()));
}
