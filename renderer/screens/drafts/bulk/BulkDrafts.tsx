// Bulk drafts: one sentence template, a draft for each chosen customer, and the run's progress.
import { useState } from 'react';
import type { BulkDraftResult } from '../../../../shared/domain/drafting';
import { paths } from '../../../lib/router';
import { BatchProgress } from './BatchProgress';
import { BulkSetup } from './BulkSetup';
import '../drafts.css';
import '../sentence/sentence.css';
import './bulk.css';

export function BulkDrafts() {
  const [result, setResult] = useState<BulkDraftResult | null>(null);
  return (
    <section className="screen draft-screen bulk-screen">
      <header className="screen-header">
        <div>
          <p className="breadcrumb"><a href={paths.invoices()}>Invoices</a></p>
          <h1>Bulk drafts</h1>
          <p className="muted screen-intro">
            A draft for each customer from one sentence, e.g. this month’s retainers. Nothing is sent to customers: each draft waits for you to check and finalize it.
          </p>
        </div>
      </header>
      {result ? <BatchProgress result={result} onAnother={() => setResult(null)} /> : <BulkSetup onCreated={setResult} />}
    </section>
  );
}
