// The professional invoice as HTML, for the bench's side-by-side with headless Chromium's print to PDF.
// It prints the same words (the same InvoiceView) in the same typeface, with the table heading
// repeated on every page (a <thead> does that in print) and "Page X of Y" in Chromium's footer.
import type { InvoiceView } from '../../electron/core/pdf/templates/view';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const CSS = `
  @page { size: A4; margin: 36pt 40pt 56pt 40pt; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #1a1a1a; }
  .head { display: flex; justify-content: space-between; border-bottom: 2pt solid #1f4e79; padding-bottom: 10pt; }
  .name { font-size: 15pt; font-weight: 700; margin-bottom: 3pt; }
  .muted { color: #5f6b7a; }
  .title { font-size: 22pt; font-weight: 700; color: #1f4e79; letter-spacing: 1pt; text-align: right; }
  .number { font-size: 11pt; font-weight: 700; text-align: right; }
  .badge { float: right; border: 1.5pt solid #6b6b6b; font-weight: 700; font-size: 11pt; padding: 2pt 6pt; margin-top: 4pt; }
  .watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 110pt; font-weight: 700; opacity: 0.12; transform: rotate(-35deg); }
  .parties { display: flex; justify-content: space-between; margin-top: 12pt; }
  .label { font-size: 7.5pt; text-transform: uppercase; color: #5f6b7a; }
  .facts td { padding: 0 8pt 1.5pt 0; }
  table.lines { width: 100%; border-collapse: collapse; margin-top: 14pt; font-size: 8.5pt; }
  table.lines thead { display: table-header-group; }
  table.lines th { background: #1f4e79; color: #fff; text-align: left; padding: 4pt; }
  table.lines td { padding: 3.5pt 4pt; border-bottom: 0.5pt solid #c8d1dc; }
  table.lines tr { break-inside: avoid; }
  table.lines tbody tr:nth-child(even) { background: #f2f5f9; }
  .r { text-align: right !important; }
  .bottom { display: flex; justify-content: space-between; margin-top: 10pt; break-inside: avoid; }
  table.tax { width: 240pt; font-size: 8.5pt; border-collapse: collapse; }
  table.tax th { border-bottom: 0.75pt solid #1a1a1a; text-align: left; }
  table.totals { width: 230pt; border-collapse: collapse; }
  table.totals td { padding: 2pt 4pt; }
  .strong { font-weight: 700; }
  .due td { background: #f2f5f9; border-top: 1pt solid #1a1a1a; font-size: 10.5pt; font-weight: 700; padding: 4pt; }
  .pay { margin-top: 12pt; border: 0.75pt solid #c8d1dc; padding: 8pt; break-inside: avoid; }
  .pay h3 { margin: 0 0 3pt; font-size: 9pt; color: #1f4e79; }
`;

export function invoiceHtml(view: InvoiceView): string {
  const e = escape;
  const b = view.business;
  const c = view.customer;
  const rows = view.lines
    .map((l) => `<tr><td>${e(l.description)}</td><td class="r">${e(l.quantity)}</td><td class="r">${e(l.unitPrice)}</td><td class="r">${e(l.taxRate)}</td><td class="r">${e(l.amount)}</td></tr>`)
    .join('');
  const facts = [['Invoice no.', view.number], ['Issue date', view.issueDate], ['Due date', view.dueDate], ['Terms', view.terms], ['Status', view.statusLine]]
    .filter(([, v]) => v)
    .map(([k, v]) => `<tr><td class="muted">${e(k!)}</td><td class="strong">${e(v!)}</td></tr>`)
    .join('');
  const totals = view.totals.map((r) => `<tr class="${r.strong ? 'strong' : ''}"><td>${e(r.label)}</td><td class="r">${e(r.value)}</td></tr>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${e(view.title)}</title><style>${CSS}</style></head><body>
  ${view.mark ? `<div class="watermark">${view.mark.text}</div>` : ''}
  <div class="head">
    <div><div class="name">${e(b.name)}</div>${b.addressLines.map((l) => `<div>${e(l)}</div>`).join('')}${b.pin ? `<div class="strong">${e(b.pin)}</div>` : ''}${b.contacts.map((l) => `<div class="muted">${e(l)}</div>`).join('')}</div>
    <div><div class="title">INVOICE</div><div class="number">${e(view.number)}</div>${view.mark ? `<div class="badge">${view.mark.text}</div>` : ''}</div>
  </div>
  <div class="parties">
    <div><div class="label">Bill to</div><div class="strong" style="font-size:10.5pt">${e(c.name)}</div>${c.addressLines.map((l) => `<div>${e(l)}</div>`).join('')}${[c.pin, c.email, c.phone].filter(Boolean).map((l) => `<div>${e(l)}</div>`).join('')}</div>
    <table class="facts">${facts}</table>
  </div>
  <table class="lines">
    <thead><tr><th>Description</th><th class="r">Quantity</th><th class="r">Unit price (${view.currency})</th><th class="r">VAT</th><th class="r">Amount (${view.currency})</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>
  <div class="bottom">
    <div><div class="strong">Tax summary</div><table class="tax"><tr><th>Rate</th><th class="r">Taxable amount</th><th class="r">VAT</th></tr>${view.taxSummary.map((t) => `<tr><td>${e(t.rate)}</td><td class="r">${e(t.net)}</td><td class="r">${e(t.tax)}</td></tr>`).join('')}</table><div class="muted">${e(view.pricesNote)}</div></div>
    <table class="totals">${totals}${view.due ? `<tr class="due"><td>${e(view.due.label)}</td><td class="r">${e(view.due.value)}</td></tr>` : ''}</table>
  </div>
  ${view.notes ? `<div style="margin-top:12pt"><div class="strong">Notes</div><div>${e(view.notes)}</div></div>` : ''}
  ${view.paymentInstructions.length ? `<div class="pay"><h3>How to pay</h3>${view.paymentInstructions.map((l) => `<div>${e(l)}</div>`).join('')}</div>` : ''}
</body></html>`;
}

/** Chromium's own footer: who the invoice is from and "Page X of Y" (its pageNumber/totalPages fields). */
export function invoiceFooterHtml(view: InvoiceView): string {
  const left = escape([view.business.name, view.business.pin, view.number].filter(Boolean).join('  ·  '));
  return `<div style="width:100%;margin:0 40pt;font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;color:#5f6b7a;display:flex;justify-content:space-between;border-top:0.5pt solid #c8d1dc;padding-top:4pt">
    <span>${left}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}
