import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { invoke } from './api';
import { syncClock } from './lib/clock';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
// The first screen already shows the backend's business date.
await syncClock(() => invoke('app.clock', {}));
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
