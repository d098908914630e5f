// The default look: a coloured heading band, the parties side by side, a striped table and a boxed total.
import { Text, View } from '@react-pdf/renderer';
import { BusinessBlock, CustomerBlock, EtimsBlock, Facts, Footnotes, Logo, MarkBadge, Notes, PaymentBlock, TaxSummaryTable, TotalsBlock, linesTable, type Column } from './parts';
import { present, type InvoicePlan } from './plan';
import { PAGE_STYLE, THEMES } from './theme';
import type { InvoiceView, LineView } from './view';

const theme = THEMES.professional;

export function professionalInvoice(view: InvoiceView): InvoicePlan {
  const l = view.labels;
  const columns: Column[] = [
    { title: l.description, value: (line) => line.description },
    { title: l.quantity, width: 70, align: 'right', value: (line) => line.quantity },
    { title: l.unitPrice, width: 88, align: 'right', value: (line) => line.unitPrice },
    ...(view.vat ? [{ title: l.vat, width: 44, align: 'right' as const, value: (line: LineView) => line.taxRate }] : []),
    { title: l.amountIn, width: 92, align: 'right', value: (line) => line.amount },
  ];
  const chrome = { mark: view.mark, theme, left: [view.business.name, view.business.pin, view.number].filter(Boolean).join('  ·  '), page: l.page };
  return {
    pageStyle: { ...PAGE_STYLE, fontSize: theme.fontSize, color: theme.ink },
    chrome,
    head: [
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', borderBottomWidth: 2, borderBottomColor: theme.accent, paddingBottom: 10 }}>
        <View style={{ maxWidth: 300 }}>
          <Logo src={view.business.logo} />
          <BusinessBlock view={view} theme={theme} nameSize={15} />
        </View>
        <View style={{ alignItems: 'flex-end' }}>
          <Text style={{ fontSize: view.heading.length > 12 ? 18 : 22, fontWeight: 700, color: theme.accent, letterSpacing: 1 }}>{view.heading}</Text>
          <Text style={{ fontSize: 11, fontWeight: 700, marginTop: 2 }}>{view.number}</Text>
          <MarkBadge mark={view.mark} />
        </View>
      </View>,
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 12 }}>
        <View style={{ maxWidth: 280 }}>
          <CustomerBlock view={view} theme={theme} />
        </View>
        <Facts theme={theme} facts={view.facts} />
      </View>,
    ],
    table: linesTable({ lines: view.lines, columns, theme, filledHeader: true }),
    tail: present([
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 10 }}>
        <View style={{ width: 240 }}>
          {view.vat ? <TaxSummaryTable rows={view.taxSummary} theme={theme} withGross={false} labels={l} /> : null}
          {view.vat ? <Text style={{ marginTop: 4, color: theme.muted, fontSize: 7.5 }}>{view.pricesNote}</Text> : null}
        </View>
        <TotalsBlock rows={view.totals} due={view.due} theme={theme} />
      </View>,
      EtimsBlock({ etims: view.etims, theme }),
      Notes({ text: view.notes, theme, title: l.notes }),
      Footnotes({ lines: view.footnotes, theme }),
      PaymentBlock({ lines: view.paymentInstructions, theme, boxed: true, title: l.howToPay, online: view.payOnline }),
    ]),
  };
}
