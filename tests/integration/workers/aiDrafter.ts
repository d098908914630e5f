// A Billbook process that drafts from a sentence and is then killed mid-job by the test.
import { createCore } from '../../../electron/core/app';
import { memorySecretStore } from '../../../electron/core/secrets';

process.once('message', (message) => {
  const { dataDir, baseUrl, customerId, prompt } = message as { dataDir: string; baseUrl: string; customerId: string; prompt: string };
  const core = createCore({
    dataDir, geminiBaseUrl: baseUrl, log: () => undefined,
    secrets: memorySecretStore({ geminiApiKey: 'AIza-test-key-0123456789' }),
    jobs: { leaseMs: 1000 },
  });
  void core.api['drafting.generate']({ customerId, prompt }).then((result) => {
    process.send?.(result.ok ? { draftId: result.value.draft.id } : { error: result.error.message });
  });
});
