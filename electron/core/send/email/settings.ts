import type { EmailSettings } from '../../../../shared/domain/settings';
import { isLocalHost } from '../../../../shared/localHost';
import type { CoreContext } from '../../context';
import { readSettings } from '../../settings/service';

/** The SMTP settings in force: BILLBOOK_SMTP_HOST / _PORT win over the stored host and port. */
export function effectiveEmailSettings(ctx: CoreContext): EmailSettings {
  const stored = readSettings(ctx).email;
  return ctx.overrides.smtp ? { ...stored, host: ctx.overrides.smtp.host, port: ctx.overrides.smtp.port } : stored;
}

/** Null when email can be sent; otherwise what to fill in, and where. */
export function emailSetupProblem(ctx: CoreContext): string | null {
  const email = effectiveEmailSettings(ctx);
  if (!email.host) return 'Email is not set up yet: add your mail server in Settings → Email.';
  // Checked again here, not only when saved: settings from an older version, or an override, may point elsewhere.
  if (email.security === 'none' && !isLocalHost(email.host)) {
    return `Email is set to no encryption, which would send your password and invoices to ${email.host} in clear text. Choose STARTTLS or TLS in Settings → Email${ctx.overrides.smtp ? ' (or point BILLBOOK_SMTP_HOST at this computer)' : ''}.`;
  }
  if (!email.fromAddress) return 'Email has no sender address yet: add one in Settings → Email.';
  if (email.user && !ctx.secrets.get('smtpPassword')) return 'Email has a user name but no password: add it in Settings → Email.';
  return null;
}
