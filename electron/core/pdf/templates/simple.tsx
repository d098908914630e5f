// Plain black on white: the business and the invoice number on top, a ruled table, totals. No colour,
// no stripes; the figures and payment instructions are the same as in the other templates.
import { Text, View } from '@react-pdf/renderer';
import { CustomerBlock, EtimsBlock, Footnotes, MarkBadge, Notes, PaymentBlock, TotalsBlock, linesTable, type Column } from './parts';
import { present, type InvoicePlan } from './plan';
import { PAGE_STYLE, THEMES } from './theme';
import type { InvoiceView, LineView } from './view';

const theme = THEMES.simple;

export function simpleInvoice(view: InvoiceView): InvoicePlan {
  const b = view.business;
  const l = view.labels;
  const columns: Column[] = [
    { title: l.description, value: (line) => line.description },
    { title: l.qty, width: 64, align: 'right', value: (line) => line.quantity },
    { title: l.price, width: 84, align: 'right', value: (line) => line.unitPrice },
    ...(view.vat ? [{ title: l.vat, width: 40, align: 'right' as const, value: (line: LineView) => line.taxRate }] : []),
    { title: l.amountIn, width: 88, align: 'right', value: (line) => line.amount },
  ];
  const chrome = { mark: view.mark, theme, left: [b.name, view.number].join('  ·  '), page: l.page };
  return {
    pageStyle: { ...PAGE_STYLE, fontSize: theme.fontSize, color: theme.ink },
    chrome,
    head: [
      <View style={{ flexDirection: 'row', justifyContent: 'space-between' }}>
        <View style={{ maxWidth: 320 }}>
          <Text style={{ fontSize: 14, fontWeight: 700 }}>{b.name}</Text>
          <Text>{[...b.addressLines, b.pin].filter(Boolean).join(', ')}</Text>
          {b.contacts.length ? <Text>{b.contacts.join('  ·  ')}</Text> : null}
        </View>
        <View style={{ alignItems: 'flex-end' }}>
          <Text style={{ fontSize: 14, fontWeight: 700 }}>{view.documentLine}</Text>
          {view.simpleFacts.map((line, i) => <Text key={i}>{line}</Text>)}
          <MarkBadge mark={view.mark} />
        </View>
      </View>,
      <View style={{ marginTop: 14 }}>
        <CustomerBlock view={view} theme={theme} />
      </View>,
    ],
    table: linesTable({ lines: view.lines, columns, theme, filledHeader: false }),
    tail: present([
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 10 }}>
        <View wrap={false} style={{ width: 230, color: theme.muted, fontSize: 8.5 }}>
          {view.taxLines.map((line) => <Text key={line}>{line}</Text>)}
          {view.pricesNote ? <Text>{view.pricesNote}</Text> : null}
        </View>
        <TotalsBlock rows={view.totals} due={view.due} theme={theme} />
      </View>,
      EtimsBlock({ etims: view.etims, theme }),
      Notes({ text: view.notes, theme, title: l.notes }),
      Footnotes({ lines: view.footnotes, theme }),
      PaymentBlock({ lines: view.paymentInstructions, theme, boxed: false, title: l.howToPay, online: view.payOnline }),
    ]),
  };
}
