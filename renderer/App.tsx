// The shell: navigation, the routed screen, the notice area and the shortcuts help.
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
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

/** A screen whose module loads when it is first opened. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound: each screen keeps its props' type.
function onFirstOpen<K extends string, C extends ComponentType<any>>(load: () => Promise<Record<K, C>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

// Only the first screens (home and the two lists) are in the first bundle: the rest (the charts
// library alone is most of a megabyte) load when first opened, so the window paints sooner.
const CustomerForm = onFirstOpen(() => import('./screens/customers/CustomerForm'), 'CustomerForm');
const CustomerPage = onFirstOpen(() => import('./screens/customers/CustomerPage'), 'CustomerPage');
const ImportWizard = onFirstOpen(() => import('./screens/customers/import/ImportWizard'), 'ImportWizard');
const InvoicePage = onFirstOpen(() => import('./screens/invoices/InvoicePage'), 'InvoicePage');
const DraftEditor = onFirstOpen(() => import('./screens/drafts/DraftEditor'), 'DraftEditor');
const QuotesScreen = onFirstOpen(() => import('./screens/quotes/QuotesScreen'), 'QuotesScreen');
const BulkDrafts = onFirstOpen(() => import('./screens/drafts/bulk/BulkDrafts'), 'BulkDrafts');
const JobsScreen = onFirstOpen(() => import('./screens/jobs/JobsScreen'), 'JobsScreen');
const SettingsScreen = onFirstOpen(() => import('./screens/settings/SettingsScreen'), 'SettingsScreen');
const AnalyticsScreen = onFirstOpen(() => import('./screens/analytics/AnalyticsScreen'), 'AnalyticsScreen');
const ReportsScreen = onFirstOpen(() => import('./screens/reports/ReportsScreen'), 'ReportsScreen');
const EtimsScreen = onFirstOpen(() => import('./screens/etims/EtimsScreen'), 'EtimsScreen');
const MessagesScreen = onFirstOpen(() => import('./screens/messages/MessagesScreen'), 'MessagesScreen');
const ItemList = onFirstOpen(() => import('./screens/items/ItemList'), 'ItemList');
const ItemForm = onFirstOpen(() => import('./screens/items/ItemForm'), 'ItemForm');
const ItemImport = onFirstOpen(() => import('./screens/items/ItemImport'), 'ItemImport');
const InvoiceImport = onFirstOpen(() => import('./screens/invoices/import/InvoiceImport'), 'InvoiceImport');
const PaymentsScreen = onFirstOpen(() => import('./screens/payments/PaymentsScreen'), 'PaymentsScreen');
const StatementImport = onFirstOpen(() => import('./screens/statement/StatementImport'), 'StatementImport');
const UnmatchedScreen = onFirstOpen(() => import('./screens/unmatched/UnmatchedScreen'), 'UnmatchedScreen');
const BackupsScreen = onFirstOpen(() => import('./screens/backups/BackupsScreen'), 'BackupsScreen');
const PeopleScreen = onFirstOpen(() => import('./screens/cloud/PeopleScreen'), 'PeopleScreen');
const DevicesScreen = onFirstOpen(() => import('./screens/cloud/DevicesScreen'), 'DevicesScreen');
const SyncProblemsScreen = onFirstOpen(() => import('./screens/cloud/SyncProblemsScreen'), 'SyncProblemsScreen');

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
