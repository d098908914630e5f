// An invoice template's output: its blocks in reading order, the lines table in pieces, and its page.
// react-pdf can flow them onto pages itself (flowingPage), or pagination.tsx can put them on pages it
// has worked out, which is much quicker for a long invoice.
import { Page, View, type Styles } from '@react-pdf/renderer';
import { cloneElement, type ReactElement } from 'react';
import { pageChrome, type LinesTablePlan, type PageChromeOptions } from './parts';

type Style = Styles[string];

export interface InvoicePlan {
  pageStyle: Style;
  chrome: PageChromeOptions;
  /** The blocks above the lines, each one view. */
  head: ReactElement[];
  table: LinesTablePlan;
  /** The blocks below the lines (totals, notes, how to pay), each one view; none null. */
  tail: ReactElement[];
}

/** Blocks handed to react-pdf as a list need keys. */
export const keyed = (elements: ReactElement[], prefix: string): ReactElement[] => elements.map((element, i) => cloneElement(element, { key: `${prefix}${i}` }));

/** The blocks that render something: a block component may print nothing (no notes, no eTIMS). */
export const present = (blocks: (ReactElement | null)[]): ReactElement[] => blocks.filter((block): block is ReactElement => block !== null);

/** One page that react-pdf flows onto as many pages as it needs, with the footer from the page layout. */
export function flowingPage(plan: InvoicePlan): ReactElement {
  return (
    <Page size="A4" style={plan.pageStyle} layout={pageChrome(plan.chrome)}>
      {keyed(plan.head, 'head')}
      <View style={plan.table.style}>
        {plan.table.header}
        {plan.table.rows}
      </View>
      {keyed(plan.tail, 'tail')}
    </Page>
  );
}
