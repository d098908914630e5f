// "Record payment" from the Payments screen: who paid? Then the usual payment dialog for them.
import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { CustomerPicker } from '../drafts/CustomerPicker';
import type { CustomerChoice } from '../drafts/draftValues';

export function ChooseCustomerDialog({ onChosen, onClose }: { onChosen: (customer: CustomerChoice) => void; onClose: () => void }) {
  const id = useId();
  const [chosen, setChosen] = useState<CustomerChoice | null>(null);
  return (
    <Dialog
      title="Record payment"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-primary" disabled={!chosen} onClick={() => chosen && onChosen(chosen)}>Next</button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={`${id}-customer`}>Who paid?</label>
        <CustomerPicker id={`${id}-customer`} value={chosen} onPick={(c) => { setChosen(c); onChosen(c); }} onBlur={() => undefined} error={undefined} describedBy={`${id}-hint`} />
        <p id={`${id}-hint`} className="field-hint">Search by name, phone or code. The payment pays their oldest invoices first.</p>
      </div>
    </Dialog>
  );
}
