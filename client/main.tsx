import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './i18n/index.ts';
import { loadBoundaries } from './map/boundaries.ts';
import { LiveStore } from './realtime/live-store.ts';
import { loadScreenConfig } from './screen-config.ts';
import './ui/theme.css';

// These requests leave before React renders anything, the small ones first: the snapshot keeps the server busy.
void loadScreenConfig();
void loadBoundaries().catch(() => undefined); // the map reports it if it still fails
const store = new LiveStore();
store.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
