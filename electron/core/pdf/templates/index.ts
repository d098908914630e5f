// Which layout each template name means.
import type { InvoiceTemplate } from '../../../../shared/domain/customer';
import { detailedInvoice } from './detailed';
import { professionalInvoice } from './professional';
import { simpleInvoice } from './simple';
import type { InvoicePlan } from './plan';
import type { InvoiceView } from './view';

/** A template turns the invoice's words into its blocks and lines (plan.tsx), which become pages in render.tsx. */
export type InvoiceLayout = (view: InvoiceView) => InvoicePlan;

const LAYOUTS: Record<InvoiceTemplate, InvoiceLayout> = {
  professional: professionalInvoice,
  simple: simpleInvoice,
  detailed: detailedInvoice,
};

export function layoutFor(template: string): InvoiceLayout {
  const layout = Object.hasOwn(LAYOUTS, template) ? LAYOUTS[template as InvoiceTemplate] : undefined;
  if (!layout) throw new Error(`There is no invoice template called "${template}"`);
  return layout;
}
