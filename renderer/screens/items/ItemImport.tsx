// Import an item list from another tool or a spreadsheet into the catalog.
import { invoke } from '../../api';
import type { ItemImportPreview } from '../../../shared/channels/items';
import type { ImportResultBase } from '../../../shared/domain/imports';
import { CsvImport, type CsvImportConfig, type DuplicateAction } from '../../components/import/CsvImport';
import { plural } from '../../lib/format';
import { paths } from '../../lib/router';
import { toast } from '../../stores/toasts';

type Result = ImportResultBase & { updated: number; skipped: number };

function Duplicates({ preview, actions, setAction }: { preview: ItemImportPreview; actions: Record<string, DuplicateAction>; setAction: (line: number, a: DuplicateAction) => void }) {
  if (preview.duplicates.length === 0) return null;
  return (
    <section>
      <h3 id="item-duplicates">Already in your catalog</h3>
      <p><strong>Skip</strong> keeps the item as it is; <strong>Update existing</strong> takes the file’s name, code, unit, price and rate (an empty cell keeps what is there).</p>
      <table className="data-table" aria-labelledby="item-duplicates">
        <thead><tr><th scope="col">Line</th><th scope="col">In the file</th><th scope="col">Existing item</th><th scope="col">Matched on</th><th scope="col">Action</th></tr></thead>
        <tbody>
          {preview.duplicates.slice(0, 500).map((d) => (
            <tr key={d.line}>
              <td className="num">{d.line}</td>
              <td>{d.name}</td>
              <td>{d.existing.name}{d.existing.code && <> <span className="code">{d.existing.code}</span></>}</td>
              <td>{d.matchedOn}</td>
              <td>
                <label htmlFor={`item-dup-${d.line}`} className="visually-hidden">Action for line {d.line}</label>
                <select id={`item-dup-${d.line}`} value={actions[String(d.line)] ?? 'skip'} onChange={(e) => setAction(d.line, e.target.value as DuplicateAction)}>
                  <option value="skip">Skip</option>
                  <option value="update">Update existing</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Sample({ preview }: { preview: ItemImportPreview }) {
  if (preview.sample.length === 0) return null;
  return (
    <section>
      <h3 id="item-sample">First items, as Billbook reads them</h3>
      <table className="data-table" aria-labelledby="item-sample">
        <thead><tr><th scope="col">Line</th><th scope="col">Name</th><th scope="col">Code</th><th scope="col">Unit</th><th scope="col" className="amount">Price</th><th scope="col">VAT</th></tr></thead>
        <tbody>
          {preview.sample.map((s) => (
            <tr key={s.line}>
              <td className="num">{s.line}</td><td>{s.name}</td><td><span className="code">{s.code}</span></td><td>{s.unit}</td>
              <td className="amount">{s.price || <span className="muted">No set price</span>}</td><td>{s.tax}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const updates = (p: ItemImportPreview, actions: Record<string, DuplicateAction>) => p.duplicates.filter((d) => actions[String(d.line)] === 'update').length;

const CONFIG: CsvImportConfig<ItemImportPreview, Result> = {
  what: 'items',
  one: 'item',
  idPrefix: 'item-import',
  action: 'customers.write',
  fields: [
    { key: 'name', label: 'Name', required: true },
    { key: 'code', label: 'Code (SKU)' },
    { key: 'unit', label: 'Unit' },
    { key: 'price', label: 'Price', hint: 'Before VAT, exact to the cent; any thousands separators' },
    { key: 'taxRate', label: 'VAT rate', hint: '16%, 0%, Exempt, or a Taxable yes/no column' },
    { key: 'currency', label: 'Currency' },
    { key: 'status', label: 'Status', hint: 'Inactive items are imported archived' },
  ],
  hints: (
    <>
      <p>Billbook reads item and product lists exported from <strong>Zoho Invoice, QuickBooks, Xero, FreshBooks and Invoice Ninja</strong>, or saved as CSV from Excel or Google Sheets.</p>
      <ul className="hints">
        <li>The first row names the columns; Billbook recognises each tool’s own names.</li>
        <li>Every item needs a name. A price, unit or rate it cannot read is left out, and the item still imports.</li>
        <li>Items you already have (same code, or same name) are offered as updates.</li>
      </ul>
    </>
  ),
  preview: (input) => invoke('items.import.preview', input),
  commit: (input) => invoke('items.import.commit', input),
  counts: (p) => [['Already in catalog', p.duplicates.length]],
  review: (preview, actions, setAction) => (
    <>
      <Duplicates preview={preview} actions={actions} setAction={setAction} />
      <Sample preview={preview} />
    </>
  ),
  commitLabel: (p, actions) => `Import ${plural(p.acceptedRows, 'item')}${updates(p, actions) ? ` and update ${updates(p, actions)}` : ''}`,
  canCommit: (p, actions) => p.acceptedRows + updates(p, actions) > 0,
  result: (r) => {
    toast.success(`Import finished: ${r.created} items added, ${r.updated} updated`);
    return { counts: [['Added', r.created], ['Updated', r.updated], ['Skipped', r.skipped], ['Rejected', r.rejected]] };
  },
  done: { href: paths.items(), label: 'View items' },
};

export function ItemImport() {
  return (
    <section className="screen screen-import">
      <p className="breadcrumb"><a href={paths.items()}>Items</a></p>
      <h1>Import items</h1>
      <CsvImport config={CONFIG} />
    </section>
  );
}
