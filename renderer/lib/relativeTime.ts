// "in 45 s", "in 3 min", "at 14:05": when something queued will happen, as a person reads a clock.
const timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function whenText(iso: string, now: number): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now) / 1000);
  if (seconds <= 1) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  if (seconds < 3600) return `in ${Math.round(seconds / 60)} min`;
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return `at ${(sameDay ? timeOnly : dayAndTime).format(at)}`;
}

/** "14:05" today, "21 Nov, 14:05" another day. */
export function clockText(iso: string, now: number): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  return (new Date(at).toDateString() === new Date(now).toDateString() ? timeOnly : dayAndTime).format(at);
}
