import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { invoke } from './api';
import { syncClock } from './lib/clock';
import { loadBusinessDefaults } from './stores/loadBusiness';
import { loadCloud } from './stores/cloud';
import { parseRoute } from './lib/router';
import { askFirstInvoicesEarly } from './screens/invoices/InvoiceList';
import { askFirstCustomersEarly } from './screens/customers/CustomerList';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
// Asked at once, not one after another (each is a round trip before the first frame):
// the first screen already shows the backend's business date; new lines and customers start from
// the business's VAT and terms; the role decides what is offered, and the sidebar shows the sync
// status from the first frame.
const asked = Promise.all([syncClock(() => invoke('app.clock', {})), loadBusinessDefaults(), loadCloud()]);
// A window that opens on a long list asks for its first page now too, not after the first render.
const opening = parseRoute(window.location.hash).name;
if (opening === 'invoices') askFirstInvoicesEarly();
else if (opening === 'customers') askFirstCustomersEarly();
await asked;
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
