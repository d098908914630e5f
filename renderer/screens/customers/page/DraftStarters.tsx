// Quicker ways to start this customer's next invoice: from a sentence, or a copy of the last one.
import { useState } from 'react';
import { invoke } from '../../../api';
import type { Customer } from '../../../../shared/domain/customer';
import { errorMessage } from '../../../lib/format';
import { navigate, paths } from '../../../lib/router';
import { toast } from '../../../stores/toasts';
import { GuardedButton, GuardedLink } from '../../../components/Guarded';

export function DraftStarters({ customer, onMessage }: { customer: Customer; onMessage: (message: string | null) => void }) {
  const [busy, setBusy] = useState(false);

  const fromPrevious = async () => {
    if (busy) return;
    setBusy(true);
    onMessage(null);
    try {
      const draft = await invoke('drafting.fromPrevious', { customerId: customer.id });
      toast.success('Draft copied from the previous invoice');
      navigate(paths.draftEdit(draft.id));
    } catch (e) {
      // e.g. "… has no finalized invoice to copy yet": said where the button is.
      onMessage(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <>
      <GuardedLink action="drafts.write" className="btn" href={paths.draftNew(customer.id)}>Draft from a sentence</GuardedLink>
      {/* Offered only when there is a previous invoice to copy. */}
      {customer.financials.invoiceCount > 0 && (
        <GuardedButton action="drafts.write" className="btn" disabled={busy} onClick={() => void fromPrevious()}>
          {busy ? 'Copying…' : 'Copy the last invoice'}
        </GuardedButton>
      )}
    </>
  );
}
