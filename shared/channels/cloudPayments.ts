// Getting paid through Billbook Cloud from the app: the organisation's M-Pesa and Paystack setup
// (kept on the Cloud, never on this computer), asking a customer to pay an invoice, and the
// invoice's link for the customer.
import { z } from 'zod';
import { customerLinksSchema, darajaConfigSchema, paystackConfigSchema, paystackLinkSchema, stkRequestSchema, type PaymentRequestView, type PaymentsSetupView } from '../cloud/payments';
import { idSchema } from './common';
import { output } from './output';

/** A request for money as this computer knows it (synced from the Cloud). */
export interface InvoicePaymentRequest extends PaymentRequestView {
  phone: string;
  amountMinor: number;
  currency: string;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface InvoiceGettingPaid {
  /** The customer's page for the invoice, when this computer is in an organisation and the invoice is final. */
  link: string | null;
  /** Why there is no link (or a request cannot be made from here), in words. */
  linkNote: string | null;
  requests: InvoicePaymentRequest[];
}

export const cloudPaymentChannels = {
  'cloudPayments.setup': { input: z.object({}).default({}), output: output<PaymentsSetupView>() },
  'cloudPayments.configureDaraja': { input: darajaConfigSchema, output: output<PaymentsSetupView & { notice: string }>() },
  'cloudPayments.configurePaystack': { input: paystackConfigSchema, output: output<PaymentsSetupView>() },
  'cloudPayments.configureLinks': { input: customerLinksSchema, output: output<PaymentsSetupView>() },
  'cloudPayments.remove': { input: z.object({ provider: z.enum(['daraja', 'paystack']) }), output: output<PaymentsSetupView>() },
  /** Rings the customer's phone with an M-Pesa prompt for the invoice's balance (or the amount given). */
  'cloudPayments.requestMpesa': { input: stkRequestSchema, output: output<PaymentRequestView>() },
  /** A Paystack "Pay now" link for the invoice's balance. */
  'cloudPayments.paystackLink': { input: paystackLinkSchema, output: output<PaymentRequestView>() },
  /** The invoice's customer link and the requests for money made on it. */
  'cloudPayments.forInvoice': { input: z.object({ invoiceId: idSchema }), output: output<InvoiceGettingPaid>() },
  /** Puts the invoice's PDF on the Cloud (for its customer page) and gives back the link. */
  'cloudPayments.shareInvoice': { input: z.object({ invoiceId: idSchema }), output: output<InvoiceGettingPaid>() },
} as const;
