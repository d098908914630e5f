// Add or edit a catalog item: name, code, unit, price and VAT rate; archive or restore an old one.
import { useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { COMMON_UNITS, TAX_RATE_CHOICES } from '../../../shared/domain/invoice';
import { itemInputSchema, type Item } from '../../../shared/domain/item';
import { AppError } from '../../../shared/errors';
import { parseMoney, type CurrencyCode } from '../../../shared/money';
import type { TaxRateBp } from '../../../shared/totals';
import { describe, Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { MoneyInput, moneyText } from '../../components/MoneyInput';
import { errorMessage, formatDateTime } from '../../lib/format';
import { navigate, paths } from '../../lib/router';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import './items.css';
import { GuardedButton } from '../../components/Guarded';

interface Values {
  name: string;
  code: string;
  unit: string;
  price: string;
  taxRate: string;
}

const rateValue = (rate: TaxRateBp) => (rate === null ? 'exempt' : String(rate));
const rateOf = (value: string): TaxRateBp => (value === 'exempt' ? null : Number(value));

function valuesOf(item: Item | null): Values {
  if (!item) return { name: '', code: '', unit: '', price: '', taxRate: '1600' };
  return { name: item.name, code: item.code, unit: item.unit, price: item.priceMinor === null ? '' : moneyText(item.priceMinor, item.currency), taxRate: rateValue(item.taxRateBp) };
}

/** The form's values as the contract's item input, with a message per field that is wrong. */
function check(values: Values, currency: CurrencyCode) {
  const errors: Record<string, string> = {};
  let priceMinor: number | null = null;
  if (values.price.trim() !== '') {
    priceMinor = parseMoney(values.price, currency);
    if (priceMinor === null) errors.priceMinor = `Write the price like 780 or 1,500.50 (in ${currency}), or leave it empty for no set price`;
  }
  const parsed = itemInputSchema.safeParse({ name: values.name, code: values.code, unit: values.unit, priceMinor, currency, taxRateBp: rateOf(values.taxRate) });
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { input: parsed.success ? parsed.data : null, errors };
}

function FormBody({ existing, currency }: { existing: Item | null; currency: CurrencyCode }) {
  const [values, setValues] = useState<Values>(() => valuesOf(existing));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (field: keyof Values, value: string) => setValues((v) => ({ ...v, [field]: value }));
  const archived = existing?.archived ?? false;

  const focusFirstError = () => window.requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const { input, errors: found } = check(values, currency);
    setErrors(found);
    if (!input || Object.keys(found).length > 0) {
      setProblem('Some fields need attention. Fix the highlighted fields and save again.');
      focusFirstError();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      if (existing) await invoke('items.update', { id: existing.id, version: existing.version, item: input });
      else await invoke('items.create', input);
      toast.success(`Item “${input.name}” saved`);
      navigate(paths.items());
    } catch (error) {
      if (error instanceof AppError && error.fields) {
        setErrors(error.fields);
        focusFirstError();
      }
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const setArchived = async (archive: boolean) => {
    if (!existing) return;
    setBusy(true);
    setProblem(null);
    try {
      const item = await invoke(archive ? 'items.archive' : 'items.restore', { id: existing.id });
      toast.success(archive ? `“${item.name}” archived: it is no longer offered on invoices` : `“${item.name}” restored`);
      navigate(paths.items());
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const known = TAX_RATE_CHOICES.some((c) => rateValue(c.rateBp) === values.taxRate);
  return (
    <form ref={formRef} className="item-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="item-form-title">
      {problem && <ErrorNotice title="The item was not saved" message={problem} />}
      {archived && (
        <div className="notice" role="note">
          <p>This item is archived{existing?.archivedAt ? ` since ${formatDateTime(existing.archivedAt)}` : ''}: old invoices keep it, but it is not offered on new ones. Restore it to change it or use it again.</p>
        </div>
      )}
      <fieldset className="form-section" disabled={archived || busy}>
        <legend className="visually-hidden">Item</legend>
        <div className="form-grid">
          <Field id="item-name" label="Name" error={errors.name} hint="As it reads on an invoice, e.g. “Cement 50 kg”">
            <input {...describe('item-name', errors.name, 'hint')} type="text" value={values.name} onChange={(e) => set('name', e.target.value)} autoFocus />
          </Field>
          <Field id="item-code" label="Code (optional)" error={errors.code} hint="Your own code or SKU; the picker finds items by it">
            <input {...describe('item-code', errors.code, 'hint')} type="text" value={values.code} onChange={(e) => set('code', e.target.value)} />
          </Field>
          <Field id="item-price" label={`Price (${currency}, optional)`} error={errors.priceMinor} hint="Before VAT. Empty: no set price, typed on each invoice">
            <MoneyInput {...describe('item-price', errors.priceMinor, 'hint')} currency={currency} value={values.price} onChange={(v) => set('price', v)} placeholder="0.00" />
          </Field>
          <Field id="item-unit" label="Unit (optional)" error={errors.unit} hint="What the price is for: bag, hour, month…">
            <input {...describe('item-unit', errors.unit, 'hint')} type="text" list="item-units" value={values.unit} onChange={(e) => set('unit', e.target.value)} />
          </Field>
          <Field id="item-vat" label="VAT rate" error={errors.taxRateBp}>
            <select {...describe('item-vat', errors.taxRateBp)} value={values.taxRate} onChange={(e) => set('taxRate', e.target.value)}>
              {TAX_RATE_CHOICES.map((c) => <option key={rateValue(c.rateBp)} value={rateValue(c.rateBp)}>{c.label}</option>)}
              {!known && <option value={values.taxRate}>{Number(values.taxRate) / 100}%</option>}
            </select>
          </Field>
        </div>
        <datalist id="item-units">
          {COMMON_UNITS.filter(Boolean).map((u) => <option key={u} value={u} />)}
        </datalist>
      </fieldset>
      <div className="form-actions">
        {!archived && <GuardedButton action="customers.write" type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : existing ? 'Save changes' : 'Add item'}</GuardedButton>}
        <a className="btn" href={paths.items()}>{archived ? 'Back to items' : 'Cancel'}</a>
        {existing && !archived && <GuardedButton action="customers.write" className="btn" disabled={busy} onClick={() => void setArchived(true)}>Archive item</GuardedButton>}
        {archived && <GuardedButton action="customers.write" className="btn btn-primary" disabled={busy} onClick={() => void setArchived(false)}>Restore item</GuardedButton>}
      </div>
    </form>
  );
}

export function ItemForm({ id }: { id?: string }) {
  const item = useRemote(() => (id ? invoke('items.get', { id }) : Promise.resolve(null)), id ?? 'new');
  const defaults = useRemote(() => invoke('items.defaults', {}), 'defaults');
  const currency: CurrencyCode = item.state === 'ready' && item.value ? item.value.currency : defaults.state === 'ready' ? defaults.value.currency : 'KES';
  return (
    <section className="screen screen-form">
      <p className="breadcrumb"><a href={paths.items()}>Items</a></p>
      <h1 id="item-form-title">{id ? (item.state === 'ready' && item.value ? item.value.name : 'Item') : 'Add item'}</h1>
      {item.state === 'loading' && <Loading label="Loading the item…" />}
      {item.state === 'failed' && <ErrorNotice title="The item could not be loaded" message={item.message} />}
      {item.state === 'ready' && (item.value || defaults.state !== 'loading') && <FormBody existing={item.value} currency={currency} />}
    </section>
  );
}
