import { invoke } from '../../api';
import type { SendPreview } from '../../../shared/domain/sending';
import { useDebounced } from '../../lib/useDebounced';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';

const TYPING_PAUSE_MS = 400;

/**
 * The messages as they would go now, asked again once the custom message stops changing, when the
 * PDF is attached or not, and when the settings change (email or SMS set up in another window).
 * `stale`: what is shown is for an older message than the one typed.
 */
export function useSendPreview(invoiceId: string, customMessage: string, attachPdf: boolean) {
  const settled = useDebounced(customMessage, TYPING_PAUSE_MS);
  const settingsChanged = useEventCount('settings.changed');
  const preview = useRemote<SendPreview>(
    () => invoke('sending.preview', { invoiceId, customMessage: settled, attachPdf }),
    `${invoiceId}|${settingsChanged}|${attachPdf}|${settled}`,
  );
  const stale = settled !== customMessage || (preview.state === 'ready' && preview.refreshing);
  return { preview, stale };
}
