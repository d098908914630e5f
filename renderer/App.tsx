// The shell: navigation, the routed screen, the notice area and the shortcuts help.
import { lazy, Suspense, useEffect } from 'react';
import { parseRoute, paths, screenKeyOf, sectionOf, useHash, type Route, type Section } from './lib/router';
import { isTypingTarget } from './lib/keys';
import { useShortcuts } from './stores/shortcuts';
import { Toasts } from './components/Toasts';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { CustomerList } from './screens/customers/CustomerList';
import { NotFound } from './screens/NotFound';
import { InvoiceList } from './screens/invoices/InvoiceList';
import { HomeScreen } from './screens/home/HomeScreen';
import { UnmatchedCount } from './screens/unmatched/UnmatchedCount';
import { SidebarSync } from './components/SidebarSync';
import { RefusalTip } from './components/RefusalTip';
import { BooksHealthNotice, BooksRestoredNotice } from './components/BooksHealth';
import { invoke } from './api';
import { useRemote } from './lib/useRemote';
import { useActivityToasts } from './screens/messages/useActivityToasts';
import { Loading } from './components/Loading';

// Only the first screens (home and the two lists) are in the first bundle: the rest (the charts
// library alone is most of a megabyte) load when first opened, so the window paints sooner.
const CustomerForm = lazy(() => import('./screens/customers/CustomerForm').then((m) => ({ default: m.CustomerForm })));
const CustomerPage = lazy(() => import('./screens/customers/CustomerPage').then((m) => ({ default: m.CustomerPage })));
const ImportWizard = lazy(() => import('./screens/customers/import/ImportWizard').then((m) => ({ default: m.ImportWizard })));
const InvoicePage = lazy(() => import('./screens/invoices/InvoicePage').then((m) => ({ default: m.InvoicePage })));
const DraftEditor = lazy(() => import('./screens/drafts/DraftEditor').then((m) => ({ default: m.DraftEditor })));
const QuotesScreen = lazy(() => import('./screens/quotes/QuotesScreen').then((m) => ({ default: m.QuotesScreen })));
const BulkDrafts = lazy(() => import('./screens/drafts/bulk/BulkDrafts').then((m) => ({ default: m.BulkDrafts })));
const JobsScreen = lazy(() => import('./screens/jobs/JobsScreen').then((m) => ({ default: m.JobsScreen })));
const SettingsScreen = lazy(() => import('./screens/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
const AnalyticsScreen = lazy(() => import('./screens/analytics/AnalyticsScreen').then((m) => ({ default: m.AnalyticsScreen })));
const ReportsScreen = lazy(() => import('./screens/reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })));
const EtimsScreen = lazy(() => import('./screens/etims/EtimsScreen').then((m) => ({ default: m.EtimsScreen })));
const MessagesScreen = lazy(() => import('./screens/messages/MessagesScreen').then((m) => ({ default: m.MessagesScreen })));
const ItemList = lazy(() => import('./screens/items/ItemList').then((m) => ({ default: m.ItemList })));
const ItemForm = lazy(() => import('./screens/items/ItemForm').then((m) => ({ default: m.ItemForm })));
const ItemImport = lazy(() => import('./screens/items/ItemImport').then((m) => ({ default: m.ItemImport })));
const InvoiceImport = lazy(() => import('./screens/invoices/import/InvoiceImport').then((m) => ({ default: m.InvoiceImport })));
const PaymentsScreen = lazy(() => import('./screens/payments/PaymentsScreen').then((m) => ({ default: m.PaymentsScreen })));
const StatementImport = lazy(() => import('./screens/statement/StatementImport').then((m) => ({ default: m.StatementImport })));
const UnmatchedScreen = lazy(() => import('./screens/unmatched/UnmatchedScreen').then((m) => ({ default: m.UnmatchedScreen })));
const BackupsScreen = lazy(() => import('./screens/backups/BackupsScreen').then((m) => ({ default: m.BackupsScreen })));
const PeopleScreen = lazy(() => import('./screens/cloud/PeopleScreen').then((m) => ({ default: m.PeopleScreen })));
const DevicesScreen = lazy(() => import('./screens/cloud/DevicesScreen').then((m) => ({ default: m.DevicesScreen })));
const SyncProblemsScreen = lazy(() => import('./screens/cloud/SyncProblemsScreen').then((m) => ({ default: m.SyncProblemsScreen })));

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
        {books?.state !== 'unavailable' && (
          <Suspense fallback={<Loading />}>
            <Screen key={screenKey} route={route} />
          </Suspense>
        )}
      </main>
      <Toasts />
      <ShortcutsHelp />
      <RefusalTip />
    </div>
  );
}
