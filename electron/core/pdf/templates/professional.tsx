// The default look: a coloured heading band, the parties side by side, a striped table and a boxed total.
import { Page, Text, View } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import { EtimsBlock, BusinessBlock, CustomerBlock, Facts, Footer, LinesTable, Logo, MarkBadge, Notes, PaymentBlock, TaxSummaryTable, TotalsBlock, Watermark, type Column } from './parts';
import { PAGE_STYLE, THEMES } from './theme';
import type { InvoiceView, LineView } from './view';

const theme = THEMES.professional;

export function professionalInvoice(view: InvoiceView): ReactElement {
  const columns: Column[] = [
    { title: 'Description', value: (l) => l.description },
    { title: 'Quantity', width: 70, align: 'right', value: (l) => l.quantity },
    { title: `Unit price (${view.currency})`, width: 88, align: 'right', value: (l) => l.unitPrice },
    ...(view.vat ? [{ title: 'VAT', width: 44, align: 'right' as const, value: (l: LineView) => l.taxRate }] : []),
    { title: `Amount (${view.currency})`, width: 92, align: 'right', value: (l) => l.amount },
  ];
  return (
    <Page size="A4" style={{ ...PAGE_STYLE, fontSize: theme.fontSize, color: theme.ink }}>
      <Watermark mark={view.mark} theme={theme} />
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', borderBottomWidth: 2, borderBottomColor: theme.accent, paddingBottom: 10 }}>
        <View style={{ maxWidth: 300 }}>
          <Logo src={view.business.logo} />
          <BusinessBlock view={view} theme={theme} nameSize={15} />
        </View>
        <View style={{ alignItems: 'flex-end' }}>
          <Text style={{ fontSize: 22, fontWeight: 700, color: theme.accent, letterSpacing: 1 }}>INVOICE</Text>
          <Text style={{ fontSize: 11, fontWeight: 700, marginTop: 2 }}>{view.number}</Text>
          <MarkBadge mark={view.mark} />
        </View>
      </View>
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 12 }}>
        <View style={{ maxWidth: 280 }}>
          <CustomerBlock view={view} theme={theme} />
        </View>
        <Facts
          theme={theme}
          facts={[['Invoice no.', view.number], ['Issue date', view.issueDate], ['Due date', view.dueDate], ['Terms', view.terms], ['Status', view.statusLine]]}
        />
      </View>
      <LinesTable lines={view.lines} columns={columns} theme={theme} filledHeader />
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 10 }}>
        <View style={{ width: 240 }}>
          {view.vat ? <TaxSummaryTable rows={view.taxSummary} theme={theme} withGross={false} /> : null}
          {view.vat ? <Text style={{ marginTop: 4, color: theme.muted, fontSize: 7.5 }}>{view.pricesNote}</Text> : null}
        </View>
        <TotalsBlock rows={view.totals} due={view.due} theme={theme} />
      </View>
      <EtimsBlock etims={view.etims} theme={theme} />
      <Notes text={view.notes} theme={theme} />
      <PaymentBlock lines={view.paymentInstructions} theme={theme} boxed />
      <Footer left={[view.business.name, view.business.pin, view.number].filter(Boolean).join('  ·  ')} theme={theme} />
    </Page>
  );
}
