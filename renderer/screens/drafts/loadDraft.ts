// Reading a draft and its customer for the editor.
import { invoke } from '../../api';
import type { Invoice } from '../../../shared/domain/invoice';
import { customerChoiceOf, type CustomerChoice } from './draftValues';

/** The draft's customer in full (template, currency); the invoice's own copy when it cannot be read. */
export async function customerOf(invoice: Invoice): Promise<CustomerChoice> {
  try {
    return customerChoiceOf(await invoke('customers.get', { id: invoice.customer.id }));
  } catch {
    const c = invoice.customer;
    return { id: c.id, code: c.code, name: c.name, email: c.email, currency: invoice.currency, paymentTermsDays: c.paymentTermsDays, template: invoice.template, pricesIncludeTax: invoice.pricesIncludeTax };
  }
}

export async function loadDraft(id: string): Promise<{ invoice: Invoice; customer: CustomerChoice }> {
  const invoice = await invoke('invoices.get', { id });
  return { invoice, customer: await customerOf(invoice) };
}

