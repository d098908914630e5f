import type { CoreContext } from '../context';
import type { ProviderPolicy } from '../jobs/runner';
import { readSettings } from '../settings/service';

/** When Gemini jobs may run, and how fast: the key's requests per minute from Settings. */
export function geminiProvider(ctx: CoreContext, maxConcurrent = 8): ProviderPolicy {
  return {
    maxConcurrent,
    requestsPerMinute: () => readSettings(ctx).ai.requestsPerMinute,
    blockedReason: () => {
      if (!readSettings(ctx).ai.enabled) return 'AI refinement is switched off in Settings; the offline drafts stand.';
      if (!ctx.secrets.get('geminiApiKey')) return 'No Gemini API key yet: add one in Settings → AI drafting. The offline draft stands meanwhile.';
      if (!ctx.network.isOnline()) return 'This computer is offline. The job will run when the network is back.';
      return null;
    },
  };
}
