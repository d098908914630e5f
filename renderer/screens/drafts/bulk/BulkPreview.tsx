// What the template makes for the first customer ticked: the filled sentence and the offline reading.
import { useMemo } from 'react';
import { invoke } from '../../../api';
import { fillBulkTemplate } from '../../../../shared/domain/drafting';
import { useRemote } from '../../../lib/useRemote';
import { customerChoiceOf } from '../draftValues';
import { readSentence } from '../sentence/readSentence';
import { useBusinessDefaults } from '../../../stores/business';
import { SentencePreview } from '../sentence/SentencePreview';

interface BulkPreviewProps {
  customerId: string | null;
  template: string;
  issueDate: string;
}

export function BulkPreview({ customerId, template, issueDate }: BulkPreviewProps) {
  const customer = useRemote(
    () => (customerId ? invoke('customers.get', { id: customerId }).then(customerChoiceOf) : Promise.resolve(null)),
    customerId ?? '',
  );
  const choice = customer.state === 'ready' ? customer.value : null;
  const sentence = choice && template.trim() ? fillBulkTemplate(template, issueDate, choice.name) : '';
  const vat = useBusinessDefaults((s) => `${s.vatRegistered}:${s.lineTaxRateBp}`);
  const result = useMemo(
    () => (choice && sentence ? readSentence(sentence, { issueDate, currency: choice.currency, pricesIncludeTax: choice.pricesIncludeTax ?? false }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- vat: read again when Settings change the business's VAT
    [choice, sentence, issueDate, vat],
  );

  return (
    <div className="bulk-preview">
      {!customerId ? (
        <p className="muted">Tick a customer to preview the draft the template makes for them.</p>
      ) : !choice ? (
        <p className="muted">{customer.state === 'failed' ? `The customer could not be loaded: ${customer.message}` : 'Loading the customer…'}</p>
      ) : (
        <p className="bulk-preview-for">
          For <strong>{choice.name}</strong>{sentence ? <>: <q className="bulk-sentence-text">{sentence}</q></> : ' — type a sentence template to see their draft.'}
        </p>
      )}
      <SentencePreview result={result} hasCustomer={choice !== null} />
    </div>
  );
}
