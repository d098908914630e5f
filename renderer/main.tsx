import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { invoke } from './api';
import { syncClock } from './lib/clock';
import { loadBusinessDefaults } from './stores/loadBusiness';
import { loadCloud } from './stores/cloud';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
// The first screen already shows the backend's business date.
await syncClock(() => invoke('app.clock', {}));
// New lines and customers start from the business's VAT and terms.
await loadBusinessDefaults();
// The role decides what is offered; the sidebar shows the sync status from the first frame.
await loadCloud();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
