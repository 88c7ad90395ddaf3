import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './i18n/index.ts';
import { loadBoundaries } from './map/boundaries.ts';
import './ui/theme.css';

void loadBoundaries().catch(() => undefined); // the map reports it if it still fails

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
