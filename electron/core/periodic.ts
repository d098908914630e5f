// A task that runs a moment after start and then every `intervalMs`, never overlapping itself
// (a slow run is not started again until it ends); failures are logged and the next tick tries again.
export function startPeriodic(
  run: () => Promise<unknown>,
  timing: { firstAfterMs: number; intervalMs: number },
  onError: (error: unknown) => void,
): () => void {
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    run()
      .catch(onError)
      .finally(() => {
        busy = false;
      });
  };
  const first = setTimeout(tick, timing.firstAfterMs);
  const timer = setInterval(tick, timing.intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
