// The shell: navigation, the routed screen, the notice area and the shortcuts help.
import { useEffect } from 'react';
import { parseRoute, paths, screenKeyOf, sectionOf, useHash, type Route, type Section } from './lib/router';
import { isTypingTarget } from './lib/keys';
import { useShortcuts } from './stores/shortcuts';
import { Toasts } from './components/Toasts';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { CustomerList } from './screens/customers/CustomerList';
import { CustomerForm } from './screens/customers/CustomerForm';
import { CustomerPage } from './screens/customers/CustomerPage';
import { ImportWizard } from './screens/customers/import/ImportWizard';
import { NotFound } from './screens/NotFound';
import { InvoiceList } from './screens/invoices/InvoiceList';
import { InvoicePage } from './screens/invoices/InvoicePage';
import { DraftEditor } from './screens/drafts/DraftEditor';
import { QuotesScreen } from './screens/quotes/QuotesScreen';
import { BulkDrafts } from './screens/drafts/bulk/BulkDrafts';
import { JobsScreen } from './screens/jobs/JobsScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { AnalyticsScreen } from './screens/analytics/AnalyticsScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { EtimsScreen } from './screens/etims/EtimsScreen';
import { MessagesScreen } from './screens/messages/MessagesScreen';
import { ItemList } from './screens/items/ItemList';
import { ItemForm } from './screens/items/ItemForm';
import { ItemImport } from './screens/items/ItemImport';
import { InvoiceImport } from './screens/invoices/import/InvoiceImport';
import { HomeScreen } from './screens/home/HomeScreen';
import { PaymentsScreen } from './screens/payments/PaymentsScreen';
import { StatementImport } from './screens/statement/StatementImport';
import { UnmatchedScreen } from './screens/unmatched/UnmatchedScreen';
import { UnmatchedCount } from './screens/unmatched/UnmatchedCount';
import { BackupsScreen } from './screens/backups/BackupsScreen';
import { PeopleScreen } from './screens/cloud/PeopleScreen';
import { DevicesScreen } from './screens/cloud/DevicesScreen';
import { SyncProblemsScreen } from './screens/cloud/SyncProblemsScreen';
import { SidebarSync } from './components/SidebarSync';
import { RefusalTip } from './components/RefusalTip';
import { useActivityToasts } from './screens/messages/useActivityToasts';
import { BooksHealthNotice, BooksRestoredNotice } from './components/BooksHealth';
import { invoke } from './api';
import { useRemote } from './lib/useRemote';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'customers':
      return <CustomerList />;
    case 'customerNew':
      return <CustomerForm />;
    case 'customerImport':
      return <ImportWizard />;
    case 'customer':
      return <CustomerPage id={route.id} tab={route.tab} />;
    case 'customerEdit':
      return <CustomerForm id={route.id} />;
    case 'invoices':
      return <InvoiceList />;
    case 'draftNew':
      return <DraftEditor customerId={route.customerId} />;
    case 'invoice':
      return <InvoicePage id={route.id} />;
    case 'draftEdit':
      return <DraftEditor id={route.id} />;
    case 'draftsBulk':
      return <BulkDrafts />;
    case 'quotes':
      return <QuotesScreen />;
    case 'quoteNew':
      return <DraftEditor customerId={route.customerId} kind="quote" />;
    case 'invoiceImport':
      return <InvoiceImport />;
    case 'items':
      return <ItemList />;
    case 'itemNew':
      return <ItemForm />;
    case 'itemImport':
      return <ItemImport />;
    case 'itemEdit':
      return <ItemForm id={route.id} />;
    case 'jobs':
      return <JobsScreen />;
    case 'settings':
      return <SettingsScreen section={route.section} />;
    case 'home':
      return <HomeScreen />;
    case 'payments':
      return <PaymentsScreen />;
    case 'statementImport':
      return <StatementImport />;
    case 'unmatched':
      return <UnmatchedScreen />;
    case 'backups':
      return <BackupsScreen />;
    case 'analytics':
      return <AnalyticsScreen tab={route.tab} />;
    case 'reports':
      return <ReportsScreen />;
    case 'etims':
      return <EtimsScreen />;
    case 'messages':
      return <MessagesScreen />;
    case 'people':
      return <PeopleScreen />;
    case 'devices':
      return <DevicesScreen />;
    case 'syncProblems':
      return <SyncProblemsScreen />;
    case 'notFound':
      return <NotFound path={route.path} />;
  }
}

/** The sidebar, in the order a day goes: what is due, who, what was billed and paid, what went out, how it is going. */
const NAV: [Exclude<Section, ''>, string][] = [
  ['home', 'Home'], ['customers', 'Customers'], ['invoices', 'Invoices'], ['quotes', 'Quotes'], ['items', 'Items'], ['payments', 'Payments'], ['unmatched', 'Unmatched'], ['messages', 'Messages'],
  ['analytics', 'Analytics'], ['reports', 'Reports'], ['jobs', 'Queue'], ['backups', 'Backups'], ['settings', 'Settings'],
];
const NAV_HREF: Record<Exclude<Section, ''>, string> = {
  home: paths.home(), customers: paths.customers(), invoices: paths.invoices(), quotes: paths.quotes(), items: paths.items(), payments: paths.payments(), unmatched: paths.unmatched(), messages: paths.messages(),
  analytics: paths.analytics(), reports: paths.reports(), jobs: paths.jobs(), backups: paths.backups(), settings: paths.settings(),
};

function useHelpShortcut() {
  const setHelpOpen = useShortcuts((s) => s.setHelpOpen);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      // Not over another dialog: one Escape would have to close two.
      if (document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      setHelpOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setHelpOpen]);
}

export function App() {
  const hash = useHash();
  const route = parseRoute(hash);
  const section = sectionOf(route);
  // A new draft that was just saved moves to its own address but stays the same screen.
  const screenKey = screenKeyOf(hash);
  useHelpShortcut();
  useActivityToasts();
  // Checked once per page load: a restore reloads the page, and the books' state changes no other way.
  const health = useRemote(() => invoke('books.health', {}), 'books');
  const books = health.state === 'ready' ? health.value : null;

  useEffect(() => {
    window.scrollTo(0, 0);
  }, [screenKey]);

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">Billbook</div>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([target, label]) => (
              <li key={target}>
                <a href={NAV_HREF[target]} className="nav-link" aria-current={section === target ? 'page' : undefined}>
                  {label}
                  {target === 'unmatched' && <UnmatchedCount />}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SidebarSync />
        <button type="button" className="sidebar-help" onClick={() => useShortcuts.getState().setHelpOpen(true)}>
          <span>Keyboard shortcuts</span> <kbd aria-hidden="true">?</kbd>
        </button>
      </aside>
      <main className="main">
        <BooksRestoredNotice />
        {books && <BooksHealthNotice health={books} />}
        {/* Books that cannot be read have nothing to show: every screen would only repeat the notice. */}
        {books?.state !== 'unavailable' && <Screen key={screenKey} route={route} />}
      </main>
      <Toasts />
      <ShortcutsHelp />
      <RefusalTip />
    </div>
  );
}
