// The Settings buttons "Send test email" and "Send test SMS": one real message with the saved
// settings, and a plain account of what failed.
import type { ConnectionTestResult, EmailTestStage } from '../../../shared/domain/sending';
import type { CoreContext } from '../context';
import { JobFailure } from '../jobs/failure';
import { newId } from '../ids';
import { classifySmtpError } from './email/failure';
import { effectiveEmailSettings, emailSetupProblem } from './email/settings';
import { messageIdFor, sendEmail } from './email/transport';
import { smsProviderFor, smsSetupProblem } from './sms';
import { readSettings } from '../settings/service';

/** What the test button shows, with any stored secret the server echoed masked. */
function shown(ctx: CoreContext, result: ConnectionTestResult): ConnectionTestResult {
  return { ...result, message: ctx.mask(result.message), detail: result.detail === null ? null : ctx.mask(result.detail) };
}

export async function testEmail(ctx: CoreContext, to: string): Promise<ConnectionTestResult> {
  return shown(ctx, await tryEmail(ctx, to));
}

export async function testSms(ctx: CoreContext, to: string): Promise<ConnectionTestResult> {
  return shown(ctx, await trySms(ctx, to));
}

async function tryEmail(ctx: CoreContext, to: string): Promise<ConnectionTestResult> {
  const problem = emailSetupProblem(ctx);
  if (problem) return { ok: false, stage: 'settings', message: problem, detail: null, providerMessageId: null };
  const settings = effectiveEmailSettings(ctx);
  const from = readSettings(ctx).business.name || 'Billbook';
  try {
    const sent = await sendEmail(
      { settings, password: ctx.secrets.get('smtpPassword') },
      {
        to: [to],
        subject: `Test email from ${from}`,
        text: `This is a test from Billbook. Invoices from ${from} will be sent through ${settings.host}:${settings.port}.`,
        html: `<p>This is a test from Billbook. Invoices from ${from.replace(/[<>&]/g, '')} will be sent through ${settings.host}:${settings.port}.</p>`,
        messageId: messageIdFor(newId(ctx.clock), settings.fromAddress),
        attachments: [],
      },
      AbortSignal.timeout(settings.timeoutSeconds * 1000 + 5000),
    );
    return { ok: true, stage: null, message: `The mail server accepted a test email to ${to}.`, detail: null, providerMessageId: sent.messageId };
  } catch (error) {
    const failure = classifySmtpError(error, settings.host, settings.port);
    return { ok: false, stage: failure.stage, message: failure.message, detail: failure.detail, providerMessageId: null };
  }
}

function smsStage(failure: JobFailure): EmailTestStage {
  if (failure.failureClass === 'offline') return /not found|ENOTFOUND|name/i.test(failure.message) ? 'dns' : 'refused';
  if (/key|token|username|auth|credential|sid/i.test(failure.message)) return 'auth';
  if (/time/i.test(failure.message)) return 'timeout';
  return failure.failureClass === 'permanent' ? 'rejected' : 'other';
}

async function trySms(ctx: CoreContext, to: string): Promise<ConnectionTestResult> {
  const problem = smsSetupProblem(ctx);
  if (problem) return { ok: false, stage: 'settings', message: problem, detail: null, providerMessageId: null };
  const from = readSettings(ctx).business.name || 'Billbook';
  try {
    const receipt = await smsProviderFor(ctx).send({ to, text: `${from}: test message from Billbook. SMS is set up.` }, AbortSignal.timeout(60_000));
    return { ok: true, stage: null, message: `The SMS provider accepted a test message to ${to} (${receipt.status}${receipt.cost ? `, cost ${receipt.cost}` : ''}).`, detail: null, providerMessageId: receipt.providerMessageId };
  } catch (error) {
    const failure = error instanceof JobFailure ? error : new JobFailure('transient', (error as Error).message);
    return { ok: false, stage: smsStage(failure), message: failure.message, detail: null, providerMessageId: null };
  }
}
