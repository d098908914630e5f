// The messages as they will go: the email's subject and text (and its attachment), the SMS text
// with what it costs in segments, and a warning before sending when it takes more than one.
import type { SendPreview, SmsPreview } from '../../../shared/domain/sending';
import { plural } from '../../lib/format';

interface MessagePreviewProps {
  preview: SendPreview;
  showEmail: boolean;
  showSms: boolean;
  attachPdf: boolean;
  /** The text shown is for an older custom message than the one typed. */
  updating: boolean;
}

/** "1 SMS segment · 112 characters", with the alphabet when it is the costly one. */
export function smsCostText(sms: Pick<SmsPreview, 'segments' | 'characters' | 'encoding'>): string {
  const alphabet = sms.encoding === 'UCS-2' ? ' · special characters (70 a segment)' : '';
  return `${plural(sms.segments, 'SMS segment')} · ${plural(sms.characters, 'character')}${alphabet}`;
}

export function MessagePreview({ preview, showEmail, showSms, attachPdf, updating }: MessagePreviewProps) {
  const { email, sms } = preview;
  return (
    <section className="send-preview" aria-labelledby="send-preview-title" aria-busy={updating}>
      <h3 id="send-preview-title">
        Preview {updating && <span className="muted send-preview-updating">· updating…</span>}
      </h3>
      {!showEmail && !showSms && <p className="muted">Choose Email, SMS or both to see the message.</p>}
      {showEmail && (
        <article className="preview-card" aria-label="Email preview">
          <p className="preview-kind">Email</p>
          {email ? (
            <>
              <p className="preview-subject"><span className="muted">Subject: </span>{email.subject}</p>
              <div className="preview-text" tabIndex={0} aria-label="Email text">{email.text}</div>
              <p className="preview-attachment muted">
                {attachPdf ? <>Attached: <span className="code">{email.attachmentName}</span></> : 'No PDF attached'}
              </p>
            </>
          ) : (
            <p className="muted">The email cannot be shown until email is set up.</p>
          )}
        </article>
      )}
      {showSms && (
        <article className="preview-card" aria-label="SMS preview">
          <p className="preview-kind">SMS</p>
          {sms ? (
            <>
              <div className="preview-text preview-sms" tabIndex={0} aria-label="SMS text">{sms.text}</div>
              <p className={`preview-cost${sms.segments > 1 ? ' preview-cost-over' : ''}`}>{smsCostText(sms)}</p>
              {sms.warning && (
                <div className="notice notice-warning send-sms-warning" role="note">
                  <p>{sms.warning}</p>
                </div>
              )}
            </>
          ) : (
            <p className="muted">The SMS cannot be shown until SMS is set up.</p>
          )}
        </article>
      )}
    </section>
  );
}
