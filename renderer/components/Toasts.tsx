import { useToasts } from '../stores/toasts';
import './Toasts.css';

/** The shell's notice area: success and error messages, read out by screen readers. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`}>
          <span className="toast-text">
            {t.title && <strong className="toast-title">{t.title}</strong>}
            <span>{t.message}</span>
            {t.href && (
              <a className="toast-link" href={t.href} aria-label={`Open: ${t.title ?? t.message}`} onClick={() => dismiss(t.id)}>
                Open
              </a>
            )}
          </span>
          <button type="button" className="toast-close" aria-label="Dismiss notice" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
