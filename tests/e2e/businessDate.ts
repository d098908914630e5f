// The day and zone every end-to-end run happens on, whatever the real date: the host gets them as
// BILLBOOK_TODAY and TZ, the browser as its time zone, and every date a test expects derives from them.
// E2E_TODAY and E2E_TIME_ZONE change them for a whole run (`E2E_TODAY=2028-02-29 npm run test:e2e`).

export const E2E_TODAY = process.env.E2E_TODAY ?? '2026-11-18';
export const E2E_TIME_ZONE = process.env.E2E_TIME_ZONE ?? 'Africa/Nairobi';

if (!/^\d{4}-\d{2}-\d{2}$/.test(E2E_TODAY)) throw new Error(`E2E_TODAY must be a date like 2026-11-30, not "${E2E_TODAY}"`);

/** The business date `offsetDays` from the run's today, as YYYY-MM-DD. */
export function localDate(offsetDays = 0): string {
  const [y, m, d] = E2E_TODAY.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + offsetDays)).toISOString().slice(0, 10);
}

/** A business date as a date field shows it: day first, 2026-11-18 -> "18/11/2026". */
export function fieldDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
