// Everything an accountant asks for: numbered lines with each line's VAT, a tax summary with totals
// per rate, the payments and credit notes against the invoice, and the customer's code.
import { Text, View } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import { BusinessBlock, CustomerBlock, EtimsBlock, Facts, Footnotes, Logo, MarkBadge, Notes, PaymentBlock, TaxSummaryTable, TotalsBlock, linesTable, type Column } from './parts';
import { present, type InvoicePlan } from './plan';
import { PAGE_STYLE, THEMES, type Theme } from './theme';
import type { InvoiceView, LineView } from './view';

const theme = THEMES.detailed;

function Ledger({ title, heads, rows, theme: t }: { title: string; heads: string[]; rows: string[][]; theme: Theme }): ReactElement | null {
  if (rows.length === 0) return null;
  return (
    <View wrap={false} style={{ marginTop: 12, fontSize: t.tableFontSize }}>
      <Text style={{ fontWeight: 700, marginBottom: 3 }}>{title}</Text>
      <View style={{ flexDirection: 'row', borderBottomWidth: 0.75, borderBottomColor: t.ink, paddingBottom: 2, fontWeight: 700 }}>
        {heads.map((h, i) => <Text key={h} style={{ flexGrow: 1, flexBasis: 0, textAlign: i === heads.length - 1 ? 'right' : 'left' }}>{h}</Text>)}
      </View>
      {rows.map((row, r) => (
        <View key={r} style={{ flexDirection: 'row', paddingVertical: 1.5 }}>
          {row.map((value, i) => <Text key={i} style={{ flexGrow: 1, flexBasis: 0, textAlign: i === row.length - 1 ? 'right' : 'left' }}>{value}</Text>)}
        </View>
      ))}
    </View>
  );
}

export function detailedInvoice(view: InvoiceView): InvoicePlan {
  const l = view.labels;
  const columns: Column[] = [
    { title: '#', width: 20, align: 'right', value: (line) => line.position },
    { title: l.description, value: (line) => line.description },
    { title: l.quantity, width: 60, align: 'right', value: (line) => line.quantity },
    { title: l.unitPrice, width: 74, align: 'right', value: (line) => line.unitPrice },
    ...(view.vat
      ? [
        { title: l.vatRate, width: 50, align: 'right' as const, value: (line: LineView) => line.taxRate },
        { title: l.vatAmount, width: 62, align: 'right' as const, value: (line: LineView) => line.taxAmount },
      ]
      : []),
    { title: l.amountIn, width: 78, align: 'right', value: (line) => line.amount },
  ];
  const chrome = { mark: view.mark, theme, left: [view.business.name, view.business.pin, view.number].filter(Boolean).join('  ·  '), page: l.page };
  return {
    pageStyle: { ...PAGE_STYLE, fontSize: theme.fontSize, color: theme.ink },
    chrome,
    head: [
      <View style={{ flexDirection: 'row', justifyContent: 'space-between' }}>
        <View style={{ maxWidth: 300 }}>
          <Logo src={view.business.logo} />
          <BusinessBlock view={view} theme={theme} nameSize={14} />
        </View>
        <View style={{ alignItems: 'flex-end' }}>
          <Text style={{ fontSize: 18, fontWeight: 700, color: theme.accent }}>{view.detailedHeading}</Text>
          <Text style={{ fontSize: 11, fontWeight: 700, marginTop: 2 }}>{view.number}</Text>
          <MarkBadge mark={view.mark} />
        </View>
      </View>,
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 12, backgroundColor: theme.stripe, padding: 8 }}>
        <View style={{ maxWidth: 270 }}>
          <CustomerBlock view={view} theme={theme} showCode />
        </View>
        <Facts
          theme={theme}
          labelWidth={70}
          facts={[...view.facts.slice(0, 4), [l.currency, view.currency], ...view.facts.slice(4)]}
        />
      </View>,
    ],
    table: linesTable({ lines: view.lines, columns, theme, filledHeader: true }),
    tail: present([
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 10 }}>
        <View style={{ width: 270 }}>
          {view.vat ? <TaxSummaryTable rows={view.taxSummary} theme={theme} withGross labels={l} /> : null}
          <Text style={{ marginTop: 4, color: theme.muted, fontSize: 7 }}>{view.vat ? `${view.pricesNote}. ` : ''}{l.lineAmountsNote}</Text>
        </View>
        <TotalsBlock rows={view.totals} due={view.due} theme={theme} />
      </View>,
      Ledger({ title: l.paymentsReceived, heads: [l.date, l.receipt, l.method, l.reference, l.amount], rows: view.payments.map((p) => [p.date, p.receipt, p.method, p.reference, p.amount]), theme }),
      Ledger({ title: l.creditNotes, heads: view.creditNotes.some((c) => c.cu) ? [l.number, l.date, l.reason, 'CU invoice no.', l.amount] : [l.number, l.date, l.reason, l.amount], rows: view.creditNotes.map((c) => (view.creditNotes.some((n) => n.cu) ? [c.number, c.date, c.reason, c.cu, c.amount] : [c.number, c.date, c.reason, c.amount])), theme }),
      EtimsBlock({ etims: view.etims, theme }),
      Notes({ text: view.notes, theme, title: l.notes }),
      Footnotes({ lines: view.footnotes, theme }),
      PaymentBlock({ lines: view.paymentInstructions, theme, boxed: true, title: l.howToPay, online: view.payOnline }),
    ]),
  };
}
