// New invoice / draft invoice: loads what to edit, then hands over to the editor.
import { useEffect, useState, type ReactNode } from 'react';
import { invoke } from '../../api';
import type { Invoice } from '../../../shared/domain/invoice';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage } from '../../lib/format';
import { paths } from '../../lib/router';
import { customerChoiceOf, editorValues, newDraftValues, valuesFromInvoice, type CustomerChoice, type DraftValues } from './draftValues';
import { EditorBody } from './EditorBody';
import { loadDraft } from './loadDraft';
import './drafts.css';

type Loaded<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };

function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="screen draft-screen">
      <p className="breadcrumb"><a href={paths.invoices()}>Invoices</a></p>
      <h1>{title}</h1>
      {children}
    </section>
  );
}

function ExistingDraft({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded<{ invoice: Invoice; values: DraftValues }>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    loadDraft(id).then(
      ({ invoice, customer }) => {
        if (live) setLoaded({ state: 'ready', value: { invoice, values: valuesFromInvoice(invoice, customer) } });
      },
      (e: unknown) => {
        if (live) setLoaded({ state: 'failed', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (loaded.state === 'loading') {
    return (
      <Frame title="Draft invoice">
        <Loading label="Opening the draft…" />
      </Frame>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <Frame title="Draft invoice">
        <ErrorNotice title="This draft could not be opened" message={loaded.message}>
          <a className="btn" href={paths.invoices()}>Back to invoices</a>
        </ErrorNotice>
      </Frame>
    );
  }
  const { invoice, values } = loaded.value;
  if (invoice.status !== 'draft') {
    return (
      <Frame title={`Invoice ${invoice.number ?? ''}`.trim()}>
        <div className="notice notice-warning">
          <p className="notice-title">This invoice is finalized</p>
          <p>A finalized invoice cannot be edited. To correct it, issue a credit note from the invoice’s page.</p>
          <div className="notice-actions">
            <a className="btn" href={paths.invoice(invoice.id)}>Open the invoice</a>
          </div>
        </div>
      </Frame>
    );
  }
  return <EditorBody initial={editorValues(values)} baseline={values} saved={invoice} />;
}

function NewDraft({ customerId, onCreated, kind }: { customerId?: string | undefined; onCreated: (id: string) => void; kind?: 'quote' | undefined }) {
  const [loaded, setLoaded] = useState<Loaded<CustomerChoice | null>>(customerId ? { state: 'loading' } : { state: 'ready', value: null });
  useEffect(() => {
    if (!customerId) return;
    let live = true;
    invoke('customers.get', { id: customerId }).then(
      (c) => {
        if (live) setLoaded({ state: 'ready', value: customerChoiceOf(c) });
      },
      (e: unknown) => {
        if (live) setLoaded({ state: 'failed', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [customerId]);

  if (loaded.state === 'loading') {
    return (
      <Frame title={kind === 'quote' ? 'New quote' : 'New invoice'}>
        <Loading label="Loading the customer…" />
      </Frame>
    );
  }
  const customer = loaded.state === 'ready' ? loaded.value : null;
  return (
    <EditorBody
      initial={newDraftValues(customer)}
      saved={null}
      quote={kind === 'quote'}
      onCreated={onCreated}
      notice={loaded.state === 'failed' ? `That customer could not be loaded (${loaded.message}). Choose one below.` : undefined}
    />
  );
}

export function DraftEditor({ id, customerId, kind }: { id?: string; customerId?: string | undefined; kind?: 'quote' }) {
  // A new invoice saved here moves to its draft's address; the shell keeps this screen, and this
  // keeps its editor (with whatever was typed during the save) instead of loading the draft again.
  const [createdHere, setCreatedHere] = useState<string | null>(null);
  if (id && id !== createdHere) return <ExistingDraft id={id} />;
  return <NewDraft customerId={customerId} onCreated={setCreatedHere} kind={kind} />;
}
