// Home: the first screen. A new business sees what to do first, each step ticked when done; once
// there are books, today's money. Refreshed whenever the books or the messages change.
import { invoke } from '../../api';
import { SETUP_STEPS } from '../../../shared/domain/home';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../lib/format';
import { paths } from '../../lib/router';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';
import { SetupChecklist } from './SetupChecklist';
import { TodayMoney } from './TodayMoney';
import './home.css';
import { GuardedLink } from '../../components/Guarded';

export function HomeScreen() {
  const invoices = useEventCount('invoices.changed');
  const customers = useEventCount('customers.changed');
  const settings = useEventCount('settings.changed');
  const sending = useEventCount('sending.changed');
  const summary = useRemote(() => invoke('home.summary', {}), `${invoices}|${customers}|${settings}|${sending}`);
  const value = summary.state === 'ready' ? summary.value : null;
  const allDone = value !== null && SETUP_STEPS.every((s) => value.setup[s]);
  const hasBooks = value !== null && (value.setup.customer || value.setup.invoice);
  return (
    <section className="screen home-screen">
      <header className="screen-header">
        <div>
          <h1>Home</h1>
          <p className="muted screen-intro">{value ? formatDate(value.today) : ' '}</p>
        </div>
        <div className="header-actions">
          <GuardedLink action="drafts.write" className="btn btn-primary" href={paths.draftNew()}>New invoice</GuardedLink>
          <GuardedLink action="customers.write" className="btn" href={paths.customerNew()}>New customer</GuardedLink>
          <a className="btn" href={paths.payments()}>Payments</a>
        </div>
      </header>
      {summary.state === 'loading' && <Loading label="Loading…" />}
      {summary.state === 'failed' && (
        <ErrorNotice title="Home could not be loaded" message={summary.message}>
          <button type="button" className="btn" onClick={summary.reload}>Try again</button>
        </ErrorNotice>
      )}
      {value && (
        <div className="home-grid">
          {!allDone && <SetupChecklist setup={value.setup} />}
          {hasBooks ? (
            <TodayMoney summary={value} />
          ) : (
            <p className="muted home-later">Once you have customers and invoices, what you are owed and what came in today shows here.</p>
          )}
        </div>
      )}
    </section>
  );
}
