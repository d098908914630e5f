// A statement of account in the invoice's (professional) style: the business on top, the customer
// and the period, every entry with the balance after it, the closing balance, how old the open part
// is, and how to pay. The table's heading repeats on every page; a row never splits.
import { Page, Text, View } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import { addressLines } from '../../../../shared/domain/address';
import { formatPhone } from '../../../../shared/domain/phone';
import { wordsFor } from '../../../../shared/i18n';
import { formatMoney } from '../../../../shared/money';
import { paymentInstructionLines } from '../../../../shared/paymentLines';
import type { StatementPdfModel } from '../model';
import { BusinessBlock, CustomerBlock, Facts, Logo, PaymentBlock, pageChrome } from './parts';
import { printable } from './printable';
import { PAGE_STYLE, THEMES } from './theme';
import { printableLogo, type InvoiceView } from './view';

const theme = THEMES.professional;

export interface StatementView {
  language: 'en' | 'sw';
  title: string;
  heading: string;
  business: InvoiceView['business'];
  customer: InvoiceView['customer'];
  labels: Pick<InvoiceView['labels'], 'billTo' | 'customerCode' | 'howToPay' | 'page'> & {
    date: string; details: string; charges: string; credits: string; balance: string; aging: string; buckets: string[]; totalDue: string;
  };
  facts: [string, string][];
  opening: { date: string; description: string; balance: string };
  rows: { date: string; description: string; charge: string; credit: string; balance: string }[];
  closing: { label: string; balance: string };
  nothing: string | null;
  aging: string[];
  agingTotal: string;
  /** "Please pay …", "In credit: …", "Your account is settled." */
  summary: string;
  paymentInstructions: string[];
}

export function statementView(model: StatementPdfModel): StatementView {
  const { statement: s, business } = model;
  const w = wordsFor(model.language);
  const money = (minor: number) => formatMoney(minor, s.currency);
  const figure = (minor: number) => (minor === 0 ? '' : money(minor));
  const start = w.date(s.from);
  const end = w.date(s.to);
  const c = s.customer;
  const owing = s.closingBalanceMinor > 0;
  return {
    language: model.language,
    title: w.t('statement.documentTitle', { name: printable(c.name), start, end }),
    heading: w.t('statement.title'),
    business: {
      name: printable(business.name),
      addressLines: addressLines(business).map(printable),
      pin: business.taxId ? `PIN ${business.taxId}` : '',
      contacts: [business.phone, business.email, business.website].filter(Boolean).map(printable),
      logo: printableLogo(business.logoDataUrl),
    },
    customer: {
      name: printable(c.name), code: c.code, addressLines: addressLines(c.address).map(printable), pin: c.taxId ? `PIN ${c.taxId}` : '',
      email: c.email, phone: c.phone ? formatPhone(c.phone) : '',
    },
    labels: {
      billTo: w.t('statement.account'),
      customerCode: (code) => w.t('pdf.customerCode', { code }),
      howToPay: w.t('howToPay.heading'),
      page: (page, pages) => w.t('pdf.page', { page, pages }),
      date: w.t('pdf.date'),
      details: w.t('statement.details'),
      charges: w.t('statement.charges'),
      credits: w.t('statement.credits'),
      balance: w.t('statement.balance'),
      aging: w.t('statement.aging'),
      buckets: [w.t('statement.current'), w.t('statement.days1to30'), w.t('statement.days31to60'), w.t('statement.days61to90'), w.t('statement.days90plus')],
      totalDue: w.t('statement.totalDue'),
    },
    facts: [
      [w.t('statement.date'), w.date(s.madeOn)],
      [w.t('statement.period'), w.t('statement.periodValue', { start, end })],
      [w.t('pdf.currency'), s.currency],
      [w.t('statement.openingBalance'), money(s.openingBalanceMinor)],
      [w.t('statement.closingBalance'), money(s.closingBalanceMinor)],
    ],
    opening: { date: start, description: w.t('statement.balanceBroughtForward'), balance: money(s.openingBalanceMinor) },
    rows: s.lines.map((l) => ({ date: w.date(l.date), description: printable(l.description), charge: figure(l.chargeMinor), credit: figure(l.creditMinor), balance: money(l.balanceMinor) })),
    closing: { label: w.t('statement.closingBalance'), balance: money(s.closingBalanceMinor) },
    nothing: s.lines.length === 0 ? w.t('statement.nothing') : null,
    aging: [s.aging.currentMinor, s.aging.days1to30Minor, s.aging.days31to60Minor, s.aging.days61to90Minor, s.aging.days90plusMinor].map(money),
    agingTotal: money(s.aging.totalMinor),
    summary: owing ? w.t('statement.owing', { amount: money(s.closingBalanceMinor) })
      : s.closingBalanceMinor < 0 ? w.t('statement.inCredit', { amount: money(-s.closingBalanceMinor) }) : w.t('statement.settled'),
    // Paid against the statement: the customer's code is the account, as no one invoice is.
    paymentInstructions: owing ? paymentInstructionLines(model.payment, c.code, model.language).map(printable) : [],
  };
}

const COLUMNS = [
  { key: 'date', width: 62, align: 'left' },
  { key: 'description', width: 0, align: 'left' },
  { key: 'charge', width: 78, align: 'right' },
  { key: 'credit', width: 84, align: 'right' },
  { key: 'balance', width: 84, align: 'right' },
] as const;

function Row({ cells, bold, shaded }: { cells: string[]; bold?: boolean; shaded?: boolean }): ReactElement {
  return (
    <View
      wrap={false}
      style={{
        flexDirection: 'row', paddingVertical: 3, borderBottomWidth: 0.5, borderBottomColor: theme.rule,
        ...(bold ? { fontWeight: 700 } : {}), ...(shaded ? { backgroundColor: theme.stripe } : {}),
      }}
    >
      {COLUMNS.map((c, i) => (
        <Text key={c.key} style={{ ...(c.width ? { width: c.width } : { flexGrow: 1, flexBasis: 0 }), textAlign: c.align, paddingHorizontal: 4 }}>{cells[i]}</Text>
      ))}
    </View>
  );
}

export function statementPage(view: StatementView): ReactElement {
  const l = view.labels;
  return (
    <Page size="A4" style={{ ...PAGE_STYLE, fontSize: theme.fontSize, color: theme.ink }} layout={pageChrome({ mark: null, theme, left: [view.business.name, view.customer.code].filter(Boolean).join('  ·  '), page: l.page })}>
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', borderBottomWidth: 2, borderBottomColor: theme.accent, paddingBottom: 10 }}>
        <View style={{ maxWidth: 280 }}>
          <Logo src={view.business.logo} />
          <BusinessBlock view={view as unknown as InvoiceView} theme={theme} nameSize={15} />
        </View>
        <View style={{ alignItems: 'flex-end', maxWidth: 230 }}>
          <Text style={{ fontSize: 17, fontWeight: 700, color: theme.accent, letterSpacing: 1, textAlign: 'right' }}>{view.heading}</Text>
          <Text style={{ fontSize: 10, fontWeight: 700, marginTop: 2 }}>{view.customer.code}</Text>
        </View>
      </View>
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 12 }}>
        <View style={{ maxWidth: 260 }}>
          <CustomerBlock view={view as unknown as InvoiceView} theme={theme} showCode />
        </View>
        <Facts theme={theme} facts={view.facts} labelWidth={70} />
      </View>
      <View style={{ marginTop: 14, fontSize: theme.tableFontSize }}>
        <View fixed style={{ flexDirection: 'row', paddingVertical: 4, fontWeight: 700, backgroundColor: theme.accent, color: theme.onAccent }}>
          {[l.date, l.details, l.charges, l.credits, l.balance].map((title, i) => {
            const c = COLUMNS[i]!;
            return <Text key={c.key} style={{ ...(c.width ? { width: c.width } : { flexGrow: 1, flexBasis: 0 }), textAlign: c.align, paddingHorizontal: 4 }}>{title}</Text>;
          })}
        </View>
        <Row cells={[view.opening.date, view.opening.description, '', '', view.opening.balance]} shaded />
        {view.rows.map((r, i) => <Row key={i} cells={[r.date, r.description, r.charge, r.credit, r.balance]} />)}
        {view.nothing ? <Text style={{ paddingVertical: 6, paddingHorizontal: 4, color: theme.muted }}>{view.nothing}</Text> : null}
        <Row cells={['', view.closing.label, '', '', view.closing.balance]} bold shaded />
      </View>
      <View wrap={false} style={{ marginTop: 14, fontSize: theme.tableFontSize }}>
        <Text style={{ fontWeight: 700, marginBottom: 3 }}>{l.aging}</Text>
        <View style={{ flexDirection: 'row', borderBottomWidth: 0.75, borderBottomColor: theme.ink, paddingBottom: 2, fontWeight: 700 }}>
          {[...l.buckets, l.totalDue].map((title) => <Text key={title} style={{ flexGrow: 1, flexBasis: 0, textAlign: 'right', paddingHorizontal: 3 }}>{title}</Text>)}
        </View>
        <View style={{ flexDirection: 'row', paddingVertical: 2 }}>
          {[...view.aging, view.agingTotal].map((value, i) => (
            <Text key={i} style={{ flexGrow: 1, flexBasis: 0, textAlign: 'right', paddingHorizontal: 3, ...(i === view.aging.length ? { fontWeight: 700 } : {}) }}>{value}</Text>
          ))}
        </View>
      </View>
      <Text style={{ marginTop: 12, fontWeight: 700, fontSize: theme.fontSize + 1 }}>{view.summary}</Text>
      <PaymentBlock lines={view.paymentInstructions} theme={theme} boxed title={l.howToPay} />
    </Page>
  );
}
