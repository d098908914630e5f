// A sketch of the invoice's letterhead from the business profile as typed, so the person sees what
// customers will see before saving.
import { addressLines } from '../../../shared/domain/address';
import type { BusinessProfile } from '../../../shared/domain/settings';

export function BusinessPreview({ business }: { business: BusinessProfile }) {
  const b = business;
  const lines = [...addressLines(b), b.taxId && `PIN ${b.taxId}`, [b.phone, b.email, b.website].filter((s) => s.trim()).join(' · ')]
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <figure className="letterhead">
      <figcaption className="letterhead-caption">Top of your invoices</figcaption>
      <div className="letterhead-page">
        {b.logoDataUrl && <img src={b.logoDataUrl} alt="" className="letterhead-logo" />}
        <div>
          <p className="letterhead-name">{b.name.trim() || <span className="muted">Your business name</span>}</p>
          {lines.map((line) => (
            <p key={line} className="letterhead-line">{line}</p>
          ))}
          {lines.length === 0 && <p className="letterhead-line muted">Your address, PIN and contact details</p>}
          <p className="letterhead-line muted">{b.vatRegistered ? 'Invoices show VAT' : 'No VAT on invoices'}</p>
        </div>
      </div>
    </figure>
  );
}
