// "Suggested next invoice": what this customer's billing rhythm says comes next, one click from a draft.
import { useState } from 'react';
import { invoke } from '../../../api';
import type { Customer } from '../../../../shared/domain/customer';
import type { Cadence, RecurringSuggestion } from '../../../../shared/domain/drafting';
import { formatMoney } from '../../../../shared/money';
import { errorMessage, formatDate } from '../../../lib/format';
import { useRemote } from '../../../lib/useRemote';
import { navigate, paths } from '../../../lib/router';
import { toast } from '../../../stores/toasts';
import { quantityText } from '../../drafts/draftValues';
import { GuardedButton } from '../../../components/Guarded';
import { ScheduleDialog } from '../../recurring/ScheduleDialog';

const CADENCE_LABELS: Record<Cadence, string> = { weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly', yearly: 'Yearly' };

export function SuggestedInvoices({ customer, refreshToken }: { customer: Customer; refreshToken: number }) {
  const suggestions = useRemote<RecurringSuggestion[]>(
    () => invoke('drafting.suggestions', { customerId: customer.id, limit: 3 }),
    `${customer.id}|${refreshToken}`,
  );
  // Suggestions are a help: while loading, on failure or when there are none, the tab shows nothing extra.
  if (suggestions.state !== 'ready' || suggestions.value.length === 0) return null;
  return (
    <div className="suggestions">
      {suggestions.value.map((s) => <SuggestionCard key={s.key} suggestion={s} />)}
    </div>
  );
}

function SuggestionCard({ suggestion: s }: { suggestion: RecurringSuggestion }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const m = (minor: number) => formatMoney(minor, s.currency);
  const titleId = `suggestion-${s.key}`.replace(/[^\w-]/g, '-');

  const create = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const draft = await invoke('drafting.useSuggestion', { customerId: s.customerId, key: s.key });
      toast.success('Draft made from the suggestion');
      navigate(paths.draftEdit(draft.id));
    } catch (e) {
      setProblem(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <section className="suggestion" aria-labelledby={titleId}>
      <div className="suggestion-body">
        <div className="suggestion-head">
          <h3 id={titleId}>Suggested next invoice</h3>
          <span className="badge">{CADENCE_LABELS[s.cadence]}</span>
          {s.dueSoon && <span className="badge badge-pay-warning">Due soon</span>}
          <span className="suggestion-when">
            Next on <strong>{formatDate(s.nextIssueDate)}</strong> · <strong>{m(s.totalMinor)}</strong>
          </span>
        </div>
        <ul className="suggestion-lines">
          {s.lines.map((l, i) => (
            <li key={i}>
              {l.description} <span className="muted">· {quantityText(l.quantityMilli)}{l.unit && ` ${l.unit}`} × {m(l.unitPriceMinor)}</span>
            </li>
          ))}
        </ul>
        <p className="suggestion-reason muted">{s.reason}</p>
        {problem && <p className="field-error" role="alert">{problem}</p>}
      </div>
      <div className="suggestion-actions">
        <GuardedButton action="drafts.write" className="btn btn-primary" disabled={busy} onClick={() => void create()}>
          {busy ? 'Creating…' : 'Create draft'}
        </GuardedButton>
        <GuardedButton action="drafts.write" className="btn" onClick={() => setScheduling(true)}>Make this a schedule</GuardedButton>
      </div>
      {scheduling && (
        <ScheduleDialog
          seed={{
            customerId: s.customerId, customerName: s.customerName, currency: s.currency, pricesIncludeTax: s.pricesIncludeTax, discount: s.discount,
            startDate: s.nextIssueDate, cadence: s.cadence, totalMinor: s.totalMinor,
            lines: s.lines.map((l) => ({ description: l.description, quantityMilli: l.quantityMilli, unit: l.unit, unitPriceMinor: l.unitPriceMinor, taxRateBp: l.taxRateBp, priceIncludesTax: l.priceIncludesTax })),
          }}
          onClose={() => setScheduling(false)}
          onCreated={() => navigate(paths.customerTab(s.customerId, 'recurring'))}
        />
      )}
    </section>
  );
}
