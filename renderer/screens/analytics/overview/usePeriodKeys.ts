import { useEffect } from 'react';
import { isTypingTarget } from '../../../lib/keys';
import { useShortcuts } from '../../../stores/shortcuts';
import { STEPPED_PRESETS, useAnalyticsStore } from '../analyticsStore';

/** [ and ] step to the previous and next preset period, when no one is typing and no dialog is open. */
export function usePeriodKeys() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '[' && event.key !== ']') return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || useShortcuts.getState().helpOpen) return;
      if (document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      const { period, setPeriod } = useAnalyticsStore.getState();
      const at = STEPPED_PRESETS.indexOf(period.preset);
      // From a custom range, [ goes to the last preset and ] to the first.
      const next = at < 0 ? (event.key === '[' ? STEPPED_PRESETS.length - 1 : 0) : at + (event.key === '[' ? -1 : 1);
      const preset = STEPPED_PRESETS[Math.min(STEPPED_PRESETS.length - 1, Math.max(0, next))]!;
      if (preset !== period.preset) setPeriod({ preset, from: '', to: '' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
