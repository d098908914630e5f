// The draft editor: details, lines, discount and notes, live totals; save, finalize, history, discard.
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { invoke } from '../../api';
import { DRAFT_SOURCE_LABELS, showsVat, type Invoice } from '../../../shared/domain/invoice';
import { useBusinessDefaults } from '../../stores/business';
import { AppError } from '../../../shared/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../lib/format';
import { navigate, navigateContinuing, paths } from '../../lib/router';
import { toast } from '../../stores/toasts';
import { SendDialog } from '../sending/SendDialog';
import { DetailsSection } from './DetailsSection';
import { FinalizeDialog } from './FinalizeDialog';
import { IssueQuoteDialog } from '../quotes/IssueQuoteDialog';
import { LinesEditor } from './LinesEditor';
import { TermsSection } from './TermsSection';
import { TotalsPanel } from './TotalsPanel';
import { VersionHistory } from './VersionHistory';
import { DraftAiSection } from './ai/DraftAiSection';
import { SentenceDraft } from './sentence/SentenceDraft';
import { editorValues, normalizeFieldErrors, taxRateOf, valuesFromInvoice, type DraftValues } from './draftValues';
import { customerOf, loadDraft } from './loadDraft';
import { useEditorShortcuts, useLeaveWarning } from './useEditorGuards';
import { useDraftForm } from './useDraftForm';
import { useLandedVersions } from './useLandedVersions';
import { OtherVersion } from './OtherVersion';
import { GuardedButton } from '../../components/Guarded';
import { canNow } from '../../lib/useCan';

interface EditorBodyProps {
  initial: DraftValues;
  /** What "no unsaved changes" means: the draft as saved; `initial` when not given. */
  baseline?: DraftValues | undefined;
  /** The draft as the backend holds it; null for a new invoice not saved yet. */
  saved: Invoice | null;
  notice?: string | undefined;
  /** A new quote (not an invoice): saved as a quote draft, and issued instead of finalized. */
  quote?: boolean | undefined;
  /** A new invoice was saved: this editor goes on as that draft's editor, under its address. */
  onCreated?: ((id: string) => void) | undefined;
}

interface Problem {
  title: string;
  message: string;
  conflict?: boolean;
  /** About fields the form checks itself: gone once they are fixed. */
  fromFields?: boolean;
}

type OpenDialog = 'finalize' | 'send' | 'history' | 'discard' | null;

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export function EditorBody({ initial, baseline, saved: firstSaved, notice, onCreated, quote }: EditorBodyProps) {
  const vatRegistered = useBusinessDefaults((s) => s.vatRegistered);
  const form = useDraftForm(initial, baseline);
  const [saved, setSaved] = useState(firstSaved);
  // The draft as last heard from the backend, ahead of the next render: a second Ctrl+S right
  // after a save must name the version that save made.
  const savedRef = useRef(firstSaved);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  /** A version saved on another computer that this editor loaded by itself (nothing here was unsaved). */
  const [shownFromElsewhere, setShownFromElsewhere] = useState<number | null>(null);
  /** Another computer finalized this draft while it was open here. */
  const [finalizedElsewhere, setFinalizedElsewhere] = useState<Invoice | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const busy = useRef(false);
  // Once saved, the draft says what it is (a new quote keeps being one after its address changes).
  const isQuote = saved ? saved.kind === 'quote' : quote === true;
  const noun = isQuote ? 'quote' : 'invoice';

  const allowLeave = useLeaveWarning(form.dirty);
  const leaveTo = (href: string) => {
    allowLeave(href);
    navigate(href);
  };
  const adopt = (invoice: Invoice) => {
    savedRef.current = invoice;
    setSaved(invoice);
  };

  const showProblem = (next: Problem) => {
    setProblem(next);
    window.requestAnimationFrame(() => {
      const invalid = rootRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (invalid) invalid.focus();
      else problemRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    });
  };

  const showFailure = (error: unknown, title: string) => {
    // A conflict that names fields (an archived customer, another currency) is fixed in the form;
    // one that does not means the draft itself moved on: a newer save, or it was finalized.
    const conflict = error instanceof AppError && error.code === 'conflict' && !error.fields;
    if (error instanceof AppError && error.fields) form.showServerErrors(normalizeFieldErrors(error.fields));
    showProblem(
      conflict
        ? {
            title: 'This draft changed somewhere else',
            message: `${errorMessage(error)} Your changes here are not saved.`,
            conflict: true,
          }
        : { title, message: errorMessage(error) },
    );
  };

  /** The role may not: said where a refused save is said, instead of asking the backend. */
  const refused = (action: 'drafts.write' | 'invoices.finalize'): boolean => {
    const permission = canNow(action);
    if (permission.allowed) return false;
    showProblem({ title: 'Not saved', message: permission.reason ?? '' });
    return true;
  };

  const save = async (): Promise<Invoice | null> => {
    if (busy.current) return null;
    if (refused('drafts.write')) return null;
    const current = savedRef.current;
    if (current && !form.dirty) {
      toast.info(`No changes since version ${current.draft.version}`);
      return current;
    }
    if (!form.submit()) {
      showProblem({ title: 'Not saved', message: 'Some fields need attention. Fix the highlighted fields and save again.', fromFields: true });
      return null;
    }
    busy.current = true;
    setSaving(true);
    setProblem(null);
    const sent = form.values;
    const draft = form.check.content;
    try {
      if (!current) {
        const created = isQuote ? await invoke('quotes.create', { draft }) : await invoke('drafts.create', { draft, origin: { source: 'manual' } });
        // Committed before the address changes, so the shell finds this editor already holding
        // the draft; what was typed during the save stays, as unsaved changes.
        flushSync(() => {
          adopt(created);
          form.markSaved(sent);
          onCreated?.(created.id);
        });
        toast.success('Draft saved');
        const href = paths.draftEdit(created.id);
        allowLeave(href);
        navigateContinuing(href);
        return created;
      }
      const updated = await invoke('drafts.update', { id: current.id, version: current.draft.version, draft });
      adopt(updated);
      form.markSaved(sent);
      toast.success(`Draft saved as version ${updated.draft.version}`);
      return updated;
    } catch (error) {
      showFailure(error, 'Not saved');
      return null;
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };

  /** Finalizing and sending both confirm the draft as saved: unsaved changes are saved first. */
  const saveThenOpen = async (next: 'finalize' | 'send') => {
    if (dialog || busy.current) return;
    if (refused('invoices.finalize')) return;
    if (!savedRef.current || form.dirty) {
      const result = await save();
      if (!result) return;
    }
    setDialog(next);
  };
  const startFinalize = () => saveThenOpen('finalize');

  /** Shows the draft as the backend holds it, in its customer's currency now. */
  const resetTo = (invoice: Invoice, values: DraftValues) => {
    form.reset(editorValues(values), values);
    adopt(invoice);
  };

  const reload = async () => {
    const current = savedRef.current;
    if (!current) return;
    try {
      const { invoice, customer } = await loadDraft(current.id);
      if (invoice.status !== 'draft') {
        form.markSaved(form.values);
        toast.info(`This draft was finalized as ${invoice.number ?? 'an invoice'} elsewhere`);
        leaveTo(paths.invoice(invoice.id));
        return;
      }
      resetTo(invoice, valuesFromInvoice(invoice, customer));
      setProblem(null);
      setDialog(null);
      toast.info(`Loaded version ${invoice.draft.version}`);
    } catch (error) {
      showProblem({ title: 'The draft could not be reloaded', message: errorMessage(error) });
    }
  };

  const restored = async (invoice: Invoice, from: number) => {
    const customer = await customerOf(invoice);
    resetTo(invoice, valuesFromInvoice(invoice, customer));
    setProblem(null);
    setDialog(null);
    toast.success(`Version ${from} restored as version ${invoice.draft.version}`);
  };

  /** The AI panel replaced the draft's content (applied the AI answer, or went back to the offline draft). */
  const replaced = async (invoice: Invoice, message: string) => {
    const customer = await customerOf(invoice);
    resetTo(invoice, valuesFromInvoice(invoice, customer));
    setProblem(null);
    toast.success(message);
  };

  // AI refined the draft, or someone changed it on another computer, while nothing here was unsaved: show it.
  const heldBack = useLandedVersions({
    savedRef,
    dirty: form.dirty,
    busyRef: busy,
    onNewer: (invoice, origin) => {
      void customerOf(invoice).then((customer) => {
        // Typed into meanwhile: keep that; the notice offers the newer version instead.
        if (busy.current || (savedRef.current?.draft.version ?? 0) >= invoice.draft.version) return;
        resetTo(invoice, valuesFromInvoice(invoice, customer));
        // From another computer the notice above the form says so, for as long as it is what is shown.
        if (origin === 'elsewhere') setShownFromElsewhere(invoice.draft.version);
        else toast.info(`Refined by AI: version ${invoice.draft.version} is shown`);
      });
    },
    onFinalizedElsewhere: setFinalizedElsewhere,
  });
  const newerVersion = heldBack && saved && heldBack.invoice.draft.version > saved.draft.version ? heldBack.invoice : null;
  const newerOrigin = heldBack?.origin ?? 'ai';

  useEditorShortcuts(() => void save(), () => void startFinalize(), () => {
    if (!isQuote) void saveThenOpen('send');
  });

  const v = form.values;
  // A business that is not VAT-registered sees no VAT, unless this draft still carries some.
  const vat = showsVat(vatRegistered, v.lines.map((l) => ({ taxRateBp: taxRateOf(l.taxRate) })));
  const info = saved?.draft;
  // The customer's currency changed since this draft was saved: it is shown (and will be saved) in
  // the new one, so its amounts need a look.
  const currencyMoved = saved !== null && v.customer !== null && v.customer.id === saved.customer.id && v.currency !== saved.currency;
  const status = saving ? 'Saving…' : form.dirty ? 'Unsaved changes' : saved ? `All changes saved (version ${saved.draft.version})` : 'Not saved yet';

  return (
    <section className="screen draft-screen">
      <header className="screen-header draft-header">
        <div>
          <p className="breadcrumb">
            {isQuote ? <a href={paths.quotes()}>Quotes</a> : <a href={paths.invoices()}>Invoices</a>}
            {v.customer && <> / <a href={paths.customer(v.customer.id)}>{v.customer.name}</a></>}
          </p>
          <h1>{saved ? `Draft ${noun}` : `New ${noun}`}</h1>
          {info && (
            <p className="draft-meta">
              <span className="badge">Draft</span>
              <span>Version {info.version}</span>
              <span aria-hidden="true">·</span>
              <span>{DRAFT_SOURCE_LABELS[info.source]}</span>
              {info.aiConfidence !== null && (
                <>
                  <span aria-hidden="true">·</span>
                  <span>{Math.round(info.aiConfidence * 100)}% confident</span>
                </>
              )}
            </p>
          )}
          {info?.prompt && (
            <p className="draft-prompt">
              <span className="muted">From the sentence </span>“{info.prompt}”
            </p>
          )}
        </div>
        <div className="header-actions">
          {saved && <button type="button" className="btn" onClick={() => setDialog('history')}>Version history</button>}
          <GuardedButton action="drafts.write" className="btn" onClick={() => setDialog('discard')}>Discard draft</GuardedButton>
        </div>
      </header>

      <div ref={rootRef} className="draft-editor" aria-busy={saving}>
        {notice && <div className="notice notice-warning"><p>{notice}</p></div>}
        {currencyMoved && (
          <div className="notice notice-warning" role="status">
            <p className="notice-title">{v.customer?.name} is now billed in {v.currency}</p>
            <p>
              This draft was saved in {saved.currency}. Its amounts are now read in {v.currency}: check them, then save
              the draft in {v.currency} before finalizing it.
            </p>
          </div>
        )}
        {problem && !(problem.fromFields && Object.keys(form.check.errors).length === 0) && (
          <div ref={problemRef}>
            <ErrorNotice title={problem.title} message={problem.message}>
              {problem.conflict && <button type="button" className="btn" onClick={() => void reload()}>Reload</button>}
            </ErrorNotice>
          </div>
        )}

        {finalizedElsewhere && (
          <div className="notice notice-warning" role="status">
            <p className="notice-title">
              Finalized on another computer{finalizedElsewhere.number ? ` as ${finalizedElsewhere.number}` : ''}
            </p>
            <p>This draft is now an invoice, so nothing here can be saved to it. {form.dirty && 'Your changes here are not saved.'}</p>
            <div className="notice-actions">
              <button type="button" className="btn" onClick={() => leaveTo(paths.invoice(finalizedElsewhere.id))}>
                Open {finalizedElsewhere.number ?? 'the invoice'}
              </button>
            </div>
          </div>
        )}

        {!finalizedElsewhere && newerVersion && newerOrigin === 'ai' && (
          <div className="notice notice-warning" role="status">
            <p className="notice-title">
              AI saved version {newerVersion.draft.version} while you were editing
            </p>
            <p>Your changes here are kept, but saving them will be refused until you load the newer version (which drops them).</p>
            <div className="notice-actions">
              <button type="button" className="btn" onClick={() => void reload()}>Load version {newerVersion.draft.version}</button>
            </div>
          </div>
        )}

        {!finalizedElsewhere && newerVersion && newerOrigin === 'elsewhere' && (
          <section className="notice notice-warning edited-elsewhere" aria-labelledby="draft-elsewhere-title">
            <h2 id="draft-elsewhere-title" className="notice-title">
              Edited on another computer: version {newerVersion.draft.version}
            </h2>
            <p>
              Someone saved version {newerVersion.draft.version} of this draft on another computer while you were editing it here. Your
              changes here are kept, but saving them will be refused until you load version {newerVersion.draft.version}, which drops them.
              This is the other version:
            </p>
            <OtherVersion invoice={newerVersion} />
            <div className="notice-actions">
              <button type="button" className="btn" onClick={() => void reload()}>Load version {newerVersion.draft.version}</button>
            </div>
          </section>
        )}

        {shownFromElsewhere !== null && !form.dirty && saved?.draft.version === shownFromElsewhere && (
          <div className="notice notice-info" role="status">
            <p>Edited on another computer: version {shownFromElsewhere} is shown, as it was saved there.</p>
          </div>
        )}

        <DetailsSection form={form} isNew={!saved} />

        {saved ? (
          <DraftAiSection draft={saved} dirty={form.dirty} onReplaced={(invoice, message) => void replaced(invoice, message)} />
        ) : (
          <SentenceDraft
            form={form}
            onGenerated={(draft) => {
              toast.success('Draft made from your sentence');
              leaveTo(paths.draftEdit(draft.id));
            }}
          />
        )}

        <section className="form-section draft-lines" aria-labelledby="draft-lines-title">
          <div className="section-head">
            <h2 id="draft-lines-title">Lines</h2>
            {!vat ? (
              <span className="field-hint">No VAT: your business is not registered for VAT (Settings → Business profile).</span>
            ) : (
            <>
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                checked={v.pricesIncludeTax}
                aria-describedby="draft-vat-hint"
                onChange={(e) => form.set('pricesIncludeTax', e.target.checked)}
              />
              <span>Prices include VAT</span>
            </label>
            <span id="draft-vat-hint" className="field-hint">
              {v.pricesIncludeTax ? 'VAT is worked out from the prices' : 'VAT is added on top of the prices'}
            </span>
            </>
            )}
          </div>
          <LinesEditor form={form} currency={v.currency} showVat={vat} />
        </section>

        <div className="draft-bottom">
          <TermsSection form={form} />
          <TotalsPanel
            live={form.live}
            currency={v.currency}
            discount={form.check.discount}
            pricesIncludeTax={v.pricesIncludeTax}
            discountInvalid={!form.check.discountOk}
            showVat={vat}
          />
        </div>

        <div className="form-actions draft-actions">
          <GuardedButton action="drafts.write" className="btn" disabled={saving} onClick={() => void save()}>Save draft</GuardedButton>
          <GuardedButton action="invoices.finalize" className="btn btn-primary" disabled={saving} onClick={() => void startFinalize()} aria-keyshortcuts="Control+Enter">
            {isQuote ? 'Issue quote…' : 'Finalize'}
          </GuardedButton>
          {!isQuote && (
            <GuardedButton action="invoices.finalize" className="btn" disabled={saving} onClick={() => void saveThenOpen('send')} aria-keyshortcuts="Control+Shift+S">
              Send…
            </GuardedButton>
          )}
          <span className={`save-state${form.dirty ? ' save-state-dirty' : ''}`} role="status">{status}</span>
          <span className="muted form-keys">
            {isQuote ? (
              <><kbd>{MOD}</kbd>+<kbd>S</kbd> saves · <kbd>{MOD}</kbd>+<kbd>Enter</kbd> issues the quote</>
            ) : (
              <><kbd>{MOD}</kbd>+<kbd>S</kbd> saves · <kbd>{MOD}</kbd>+<kbd>Enter</kbd> finalizes · <kbd>{MOD}</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd> sends</>
            )}
          </span>
        </div>
      </div>

      {dialog === 'finalize' && saved && isQuote && (
        <IssueQuoteDialog
          draft={saved}
          onClose={() => setDialog(null)}
          onIssued={(issued) => {
            toast.success(`${issued.proforma ? 'Pro-forma invoice' : 'Quote'} ${issued.number} issued`);
            leaveTo(paths.quotes());
          }}
          onRefused={(message, fields) => {
            if (fields) form.showServerErrors(normalizeFieldErrors(fields));
            setProblem({ title: 'Not issued', message });
          }}
        />
      )}
      {dialog === 'finalize' && saved && !isQuote && (
        <FinalizeDialog
          invoice={saved}
          onClose={() => setDialog(null)}
          onFinalized={(done) => {
            toast.success(`Invoice ${done.number ?? ''} finalized`);
            leaveTo(paths.invoice(done.id));
          }}
          onRefused={(message, fields) => {
            if (fields) form.showServerErrors(normalizeFieldErrors(fields));
            setProblem({ title: 'Not finalized', message });
          }}
          onConflict={() => void reload()}
        />
      )}
      {dialog === 'send' && saved && (
        <SendDialog
          invoice={saved}
          onClose={() => setDialog(null)}
          onSent={(result) => {
            form.markSaved(form.values);
            leaveTo(paths.invoice(result.invoiceId));
          }}
        />
      )}
      {dialog === 'history' && saved && (
        <VersionHistory
          draftId={saved.id}
          currentVersion={saved.draft.version}
          customerId={saved.customer.id}
          customerName={saved.customer.name}
          dirty={form.dirty}
          onClose={() => setDialog(null)}
          onRestored={(invoice, from) => void restored(invoice, from)}
        />
      )}
      {dialog === 'discard' && (
        <DiscardDialog
          saved={saved}
          onClose={() => setDialog(null)}
          onDiscarded={() => {
            form.markSaved(form.values);
            leaveTo(isQuote ? paths.quotes() : paths.invoices());
          }}
        />
      )}
    </section>
  );
}

function DiscardDialog({ saved, onClose, onDiscarded }: { saved: Invoice | null; onClose: () => void; onDiscarded: () => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const discard = async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (saved) await invoke('drafts.discard', { id: saved.id });
      toast.success(saved ? 'Draft discarded' : 'New invoice discarded');
      onDiscarded();
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Discard draft"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Keep editing</button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void discard()}>Discard draft</button>
        </>
      }
    >
      {failure && <ErrorNotice title="Not discarded" message={failure} />}
      <p>
        {saved
          ? 'This draft and its saved versions will be removed from your invoices. No invoice number has been used.'
          : 'Nothing has been saved yet; what you typed will be lost.'}
      </p>
    </Dialog>
  );
}
