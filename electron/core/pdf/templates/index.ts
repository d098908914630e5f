// Which layout each template name means.
import type { ReactElement } from 'react';
import type { InvoiceTemplate } from '../../../../shared/domain/customer';
import { detailedInvoice } from './detailed';
import { professionalInvoice } from './professional';
import { simpleInvoice } from './simple';
import type { InvoiceView } from './view';

/** A template turns the invoice's words into one react-pdf <Page> that flows onto as many pages as it needs. */
export type InvoiceLayout = (view: InvoiceView) => ReactElement;

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
