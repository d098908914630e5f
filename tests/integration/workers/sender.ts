// A Billbook process that sends an invoice and is killed by the test while the message is being
// handed to the provider.
import { createCore } from '../../../electron/core/app';
import { memorySecretStore } from '../../../electron/core/secrets';

process.once('message', (message) => {
  const { dataDir, smtpPort, smsBaseUrl, request } = message as { dataDir: string; smtpPort: number; smsBaseUrl: string; request: unknown };
  const core = createCore({
    dataDir, log: () => undefined, smtp: { host: '127.0.0.1', port: smtpPort }, smsBaseUrl, reminderScanMs: 0, pdfWorkers: 0,
    secrets: memorySecretStore({ africasTalkingApiKey: 'atsk_test_key_0123456789' }),
    jobs: { leaseMs: 1000 },
  });
  void core.api['sending.send'](request).then((result) => {
    process.send?.(result.ok ? { sent: true } : { error: result.error.message });
  });
});
