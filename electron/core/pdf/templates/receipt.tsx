// A payment receipt: one page, the business on top, who paid and how much in large type, how it was
// paid (the M-Pesa code a customer quotes back), and which invoices it settled.
import { Page, Text, View } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import { wordsFor } from '../../../../shared/i18n';
import { addressLines } from '../../../../shared/domain/address';
import { formatPhone } from '../../../../shared/domain/phone';
import { settlingAllocations } from '../../../../shared/domain/settling';
import { formatMoney } from '../../../../shared/money';
import { logoProblem } from '../../../../shared/images';
import type { ReceiptPdfModel } from '../model';
import { Logo, pageChrome } from './parts';
import { printable } from './printable';
import { PAGE_STYLE, THEMES } from './theme';

const theme = THEMES.professional;

export interface ReceiptView {
  language: 'en' | 'sw';
  /** Every word printed, in the customer's language. */
  text: {
    title: string; receivedFrom: string; customerCode: string; amountReceived: string; reversedMark: string; appliedTo: string; noInvoice: string;
    invoiceLine: (number: string) => string; keptAsCredit: string; owedAfter: string; thanks: string; page: (page: number, pages: number) => string;
  };
  number: string;
  reversed: string | null;
  business: { name: string; lines: string[]; logo: string | null };
  customer: { name: string; code: string; contact: string };
  amount: string;
  facts: [string, string][];
  applied: { invoice: string; amount: string; cu: string }[];
  credit: string | null;
  outstanding: string;
}

export function receiptView(model: ReceiptPdfModel): ReceiptView {
  const { payment, business, customer } = model;
  const w = wordsFor(model.language ?? 'en');
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const reference = w.t(payment.method === 'mpesa' ? 'receipt.mpesaCode' : 'receipt.reference');
  // What the payment settled of each invoice: with what it keeps as credit, the amount received.
  const applied = settlingAllocations(payment.allocations);
  return {
    language: w.language,
    text: {
      title: w.t('receipt.title'), receivedFrom: w.t('receipt.receivedFrom'), customerCode: w.t('receipt.customerCode', { code: customer.code }),
      amountReceived: w.t('receipt.amountReceived'), reversedMark: w.t('receipt.reversedMark'), appliedTo: w.t('receipt.appliedTo'),
      noInvoice: w.t('receipt.noInvoice'), invoiceLine: (number) => w.t('receipt.invoiceLine', { number }), keptAsCredit: w.t('receipt.keptAsCredit'),
      owedAfter: w.t('receipt.owedAfter'), thanks: w.t('receipt.thanks'), page: (page, pages) => w.t('pdf.page', { page, pages }),
    },
    number: payment.number,
    reversed: payment.status === 'reversed' ? w.t('receipt.reversed', { hasReason: payment.reversalReason ? 'yes' : 'no', reason: printable(payment.reversalReason ?? '') }) : null,
    business: {
      name: printable(business.name),
      lines: [...addressLines(business), business.taxId ? `PIN ${business.taxId}` : '', [business.phone, business.email].filter(Boolean).join('  ·  ')]
        .filter(Boolean)
        .map(printable),
      logo: business.logoDataUrl && logoProblem(business.logoDataUrl) === null ? business.logoDataUrl : null,
    },
    customer: {
      name: printable(customer.name),
      code: customer.code,
      contact: [customer.phone ? formatPhone(customer.phone) : '', customer.email].filter(Boolean).join('  ·  '),
    },
    amount: money(payment.amountMinor),
    facts: [
      [w.t('receipt.number'), payment.number],
      [w.t('receipt.datePaid'), w.date(payment.paidOn)],
      [w.t('receipt.paidBy'), w.method(payment.method)],
      ...(payment.reference ? ([[reference, printable(payment.reference)]] as [string, string][]) : []),
    ],
    applied: applied.map((a) => ({ invoice: a.invoiceNumber, amount: money(a.settledMinor), cu: model.cuInvoiceNos?.[a.invoiceId] ?? '' })),
    credit: payment.unallocatedMinor > 0 ? money(payment.unallocatedMinor) : null,
    outstanding: money(model.outstandingMinor),
  };
}

export function receiptPage(view: ReceiptView): ReactElement {
  const label = (text: string) => <Text style={{ fontSize: 7.5, color: theme.muted, textTransform: 'uppercase', marginBottom: 2 }}>{text}</Text>;
  return (
    <Page size="A5" style={{ ...PAGE_STYLE, paddingHorizontal: 32, fontSize: theme.fontSize, color: theme.ink }} layout={pageChrome({ mark: null, theme, left: [view.business.name, view.number].filter(Boolean).join('  ·  '), page: view.text.page })}>
      {view.reversed ? (
        <View fixed style={{ position: 'absolute', top: 0, left: 0, right: 0, bottom: 0, alignItems: 'center', justifyContent: 'center' }}>
          <Text style={{ fontSize: Math.min(70, Math.floor(600 / view.text.reversedMark.length)), fontWeight: 700, color: '#b3261e', opacity: 0.12, transform: 'rotate(-35deg)' }}>{view.text.reversedMark}</Text>
        </View>
      ) : null}
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', borderBottomWidth: 2, borderBottomColor: theme.accent, paddingBottom: 8 }}>
        <View style={{ maxWidth: 230 }}>
          <Logo src={view.business.logo} />
          {view.business.name ? <Text style={{ fontSize: 13, fontWeight: 700, marginBottom: 2 }}>{view.business.name}</Text> : null}
          {view.business.lines.map((line, i) => <Text key={i} style={{ color: i === view.business.lines.length - 1 ? theme.muted : theme.ink }}>{line}</Text>)}
        </View>
        <View style={{ alignItems: 'flex-end' }}>
          <Text style={{ fontSize: 18, fontWeight: 700, color: theme.accent, letterSpacing: 1 }}>{view.text.title}</Text>
          <Text style={{ fontSize: 10, fontWeight: 700, marginTop: 2 }}>{view.number}</Text>
        </View>
      </View>
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 12 }}>
        <View style={{ maxWidth: 200 }}>
          {label(view.text.receivedFrom)}
          <Text style={{ fontWeight: 700, fontSize: 10.5 }}>{view.customer.name}</Text>
          {view.customer.contact ? <Text>{view.customer.contact}</Text> : null}
          <Text style={{ color: theme.muted }}>{view.text.customerCode}</Text>
        </View>
        <View>
          {view.facts.map(([k, v]) => (
            <View key={k} style={{ flexDirection: 'row', marginBottom: 1.5 }}>
              <Text style={{ width: view.language === 'sw' ? 96 : 66, color: theme.muted }}>{k}</Text>
              <Text style={{ fontWeight: 700 }}>{v}</Text>
            </View>
          ))}
        </View>
      </View>
      <View style={{ marginTop: 16, backgroundColor: theme.stripe ?? '#ffffff', padding: 10, flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text style={{ fontWeight: 700 }}>{view.text.amountReceived}</Text>
        <Text style={{ fontSize: 16, fontWeight: 700 }}>{view.amount}</Text>
      </View>
      {view.reversed ? <Text style={{ marginTop: 6, color: '#b3261e', fontWeight: 700 }}>{view.reversed}</Text> : null}
      <View style={{ marginTop: 14 }}>
        <Text style={{ fontWeight: 700, marginBottom: 3 }}>{view.text.appliedTo}</Text>
        {view.applied.length === 0 ? <Text style={{ color: theme.muted }}>{view.text.noInvoice}</Text> : null}
        {view.applied.map((a) => (
          <View key={a.invoice} style={{ flexDirection: 'row', justifyContent: 'space-between', borderBottomWidth: 0.5, borderBottomColor: theme.rule, paddingVertical: 2.5 }}>
            <Text>{view.text.invoiceLine(a.invoice)}{a.cu ? `  ·  CU invoice no. ${a.cu}` : ''}</Text>
            <Text>{a.amount}</Text>
          </View>
        ))}
        {view.credit ? (
          <View style={{ flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 2.5 }}>
            <Text>{view.text.keptAsCredit}</Text>
            <Text>{view.credit}</Text>
          </View>
        ) : null}
      </View>
      <View style={{ marginTop: 10, flexDirection: 'row', justifyContent: 'space-between' }}>
        <Text style={{ color: theme.muted }}>{view.text.owedAfter}</Text>
        <Text style={{ fontWeight: 700 }}>{view.outstanding}</Text>
      </View>
      <Text style={{ marginTop: 18 }}>{view.text.thanks}</Text>
    </Page>
  );
}
