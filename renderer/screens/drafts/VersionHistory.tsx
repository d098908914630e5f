// "Version history": every saved version of the draft, one shown read-only, and restoring it.
import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import { DRAFT_SOURCE_LABELS, TAX_RATE_CHOICES, type DraftVersion, type DraftVersionSummary, type Invoice } from '../../../shared/domain/invoice';
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import { computeTotals, taxRateLabel } from '../../../shared/totals';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, formatDate, formatDateTime, plural } from '../../lib/format';
import { percentText, quantityText } from './draftValues';
import { GuardedButton } from '../../components/Guarded';

interface VersionHistoryProps {
  draftId: string;
  /** The version the editor holds: restoring names it, so a stale editor cannot restore over a newer save. */
  currentVersion: number;
  customerId: string;
  customerName: string;
  dirty: boolean;
  onClose: () => void;
  onRestored: (invoice: Invoice, from: number) => void;
}

type Load<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };

export function VersionHistory({ draftId, currentVersion, customerId, customerName, dirty, onClose, onRestored }: VersionHistoryProps) {
  const [list, setList] = useState<Load<DraftVersionSummary[]>>({ state: 'loading' });
  const [selected, setSelected] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    invoke('drafts.versions', { id: draftId }).then(
      (rows) => {
        if (!live) return;
        const sorted = [...rows].sort((a, b) => b.version - a.version);
        setList({ state: 'ready', value: sorted });
        setSelected((s) => s ?? sorted[0]?.version ?? null);
      },
      (e: unknown) => {
        if (live) setList({ state: 'failed', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [draftId]);

  const restore = async () => {
    if (selected === null || restoring) return;
    setRestoring(true);
    setProblem(null);
    try {
      const invoice = await invoke('drafts.restore', { id: draftId, version: selected, currentVersion });
      onRestored(invoice, selected);
    } catch (e) {
      setProblem(errorMessage(e));
      setRestoring(false);
    }
  };

  const canRestore = selected !== null && selected !== currentVersion;
  return (
    <Dialog
      title="Version history"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Close</button>
          {canRestore && (
            <GuardedButton action="drafts.write" className="btn btn-primary" disabled={restoring} onClick={() => void restore()}>
              {restoring ? 'Restoring…' : `Restore version ${selected}`}
            </GuardedButton>
          )}
        </>
      }
    >
      <div className="history">
        {problem && <ErrorNotice title="Not restored" message={problem} />}
        {list.state === 'loading' && <Loading label="Loading versions…" />}
        {list.state === 'failed' && <ErrorNotice title="The versions could not be loaded" message={list.message} />}
        {list.state === 'ready' && (
          <div className="history-body">
            <ol className="history-list" aria-label="Saved versions">
              {list.value.map((v) => (
                <li key={v.version}>
                  <button
                    type="button"
                    className="history-item"
                    aria-pressed={v.version === selected}
                    onClick={() => setSelected(v.version)}
                  >
                    <span className="history-title">
                      Version {v.version}
                      {v.version === currentVersion && <span className="badge">Current</span>}
                    </span>
                    <span className="history-meta">{formatDateTime(v.savedAt)} · {DRAFT_SOURCE_LABELS[v.source]}</span>
                    <span className="history-meta">
                      {currencyTotal(v.totalMinor, v.currency)}
                      {plural(v.lineCount, 'line')}
                    </span>
                    {v.note && <span className="history-note">{v.note}</span>}
                  </button>
                </li>
              ))}
            </ol>
            <div className="history-detail">
              {selected !== null && (
                <VersionDetail key={selected} draftId={draftId} version={selected} customerId={customerId} customerName={customerName} />
              )}
              {canRestore && (
                <p className="muted history-hint">
                  Restoring saves version {selected}’s content as a new version; nothing is lost.
                  {dirty && ' Your unsaved changes in the editor will be replaced.'}
                </p>
              )}
            </div>
          </div>
        )}
      </div>
    </Dialog>
  );
}

/** "KES 1,500.00 · " once the version's currency is known; nothing until then. */
function currencyTotal(minor: number, currency: CurrencyCode | undefined): string {
  return currency ? `${formatMoney(minor, currency)} · ` : '';
}

interface VersionDetailProps {
  draftId: string;
  version: number;
  customerId: string;
  customerName: string;
}

function VersionDetail({ draftId, version, customerId, customerName: currentName }: VersionDetailProps) {
  const [load, setLoad] = useState<Load<{ v: DraftVersion; customerName: string }>>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    (async () => {
      const v = await invoke('drafts.version', { id: draftId, version });
      const customerName = v.content.customerId === customerId
        ? currentName
        : await invoke('customers.get', { id: v.content.customerId }).then(
          (c) => c.name,
          () => 'Another customer',
        );
      return { v, customerName };
    })().then(
      (value) => {
        if (live) setLoad({ state: 'ready', value });
      },
      (e: unknown) => {
        if (live) setLoad({ state: 'failed', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [draftId, version, customerId, currentName]);

  if (load.state === 'loading') return <Loading label={`Loading version ${version}…`} />;
  if (load.state === 'failed') return <ErrorNotice title={`Version ${version} could not be loaded`} message={load.message} />;
  const { v, customerName } = load.value;
  const c = v.content;
  const m = (minor: number) => formatMoney(minor, c.currency);
  const totals = computeTotals(c);
  const discount = c.discount
    ? c.discount.kind === 'percent' ? `${percentText(c.discount.bp)}%` : m(c.discount.minor)
    : 'None';
  const taxName = (rate: number | null) => TAX_RATE_CHOICES.find((t) => t.rateBp === rate)?.label ?? taxRateLabel(rate);

  return (
    <section className="version-detail" aria-label={`Version ${version}, read-only`}>
      <h3>Version {version} <span className="muted">(read-only)</span></h3>
      {v.prompt && <p className="draft-prompt">“{v.prompt}”</p>}
      <dl className="version-facts">
        <div><dt>Customer</dt><dd>{customerName}</dd></div>
        <div><dt>Issue date</dt><dd>{formatDate(c.issueDate)}</dd></div>
        <div><dt>Due date</dt><dd>{c.dueDate ? formatDate(c.dueDate) : 'Follows payment terms'}</dd></div>
        <div><dt>Prices</dt><dd>{c.pricesIncludeTax ? 'Include VAT' : 'Exclude VAT'}</dd></div>
        <div><dt>Discount</dt><dd>{discount}</dd></div>
      </dl>
      {c.lines.length === 0 ? (
        <p className="muted">No lines.</p>
      ) : (
        <table className="data-table version-lines">
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" className="num">Qty</th>
              <th scope="col" className="num">Unit price</th>
              <th scope="col">Tax</th>
              <th scope="col" className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {c.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.description || <span className="muted">(no description)</span>}</td>
                <td className="num">{quantityText(l.quantityMilli)}{l.unit && ` ${l.unit}`}</td>
                <td className="num">
                  {m(l.unitPriceMinor)}
                  {l.priceIncludesTax !== null && l.priceIncludesTax !== c.pricesIncludeTax && (
                    <span className="totals-sub">{l.priceIncludesTax ? 'incl. VAT' : 'excl. VAT'}</span>
                  )}
                </td>
                <td>{taxName(l.taxRateBp)}</td>
                <td className="num">{m(totals.lines[i]!.amountMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="version-total">Total <strong>{m(totals.totalMinor)}</strong></p>
      {c.notes && <p className="notes">{c.notes}</p>}
    </section>
  );
}
