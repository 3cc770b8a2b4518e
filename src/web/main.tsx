import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { prefetch } from './api';
import { filtersFromSearch, gridQuery } from './filters';
import './styles.css';

// The grid is what most visits open: ask for it now, in parallel with the sign-in check, not after it.
if (window.location.pathname === '/') prefetch(`/grid${gridQuery(filtersFromSearch(window.location.search))}`);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
