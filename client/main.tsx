import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, seatOf } from './App.tsx';
import { fetchPrincipal, pairDisplay, signInDevice } from './auth/session.ts';
import { ChangePasswordPage } from './auth/ChangePasswordPage.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { consultMap } from './consult/ConsultScreen.tsx';
import { deskMap } from './desk/MapPanel.tsx';
import { wallMap } from './wall/WallScreen.tsx';
import { type WallRefusal, WallUnauthorized } from './wall/WallUnauthorized.tsx';
import './i18n/index.ts';
import { loadBoundaries } from './map/boundaries.ts';
import { LiveStore } from './realtime/live-store.ts';
import { loadScreenConfig } from './screen-config.ts';
import './ui/theme.css';

const root = createRoot(document.getElementById('root')!);
const render = (screen: React.ReactNode) => root.render(<StrictMode>{screen}</StrictMode>);

/**
 * Requests leave before React renders anything, the small ones first: reading the snapshot keeps the server
 * busy for a moment. The live feed starts as soon as the session is known or assumed; if it turns out there
 * is none, it stops again and the sign-in page shows.
 */
async function boot() {
  // the public tip-off form is the one page that needs no account
  // (its own chunk, with its own light stylesheet), and its follow-up page by reference number
  if (window.location.pathname === '/tip-off') {
    const { TipOffPage } = await import('./hazards/TipOffPage.tsx');
    return render(<TipOffPage />);
  }
  if (window.location.pathname === '/tip-off/status') {
    const { TipOffStatusPage } = await import('./hazards/TipOffStatusPage.tsx');
    return render(<TipOffStatusPage />);
  }
  // a wall display is opened once with a one-time pairing code (or, the old way, its device token); it signs
  // in with it and drops it from the address bar. From then on its device cookie signs it in again.
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  const pairing = url.searchParams.get('pair');
  let deviceRefusal: WallRefusal | null = null;
  if (token || pairing) {
    const result = pairing ? await pairDisplay(pairing) : await signInDevice(token!);
    if (result !== 'ok') deviceRefusal = pairing ? 'pairing' : 'token';
    url.searchParams.delete('token');
    url.searchParams.delete('pair');
    window.history.replaceState(null, '', url);
  }
  const isWall = seatOf(window.location).kind === 'wall';
  // a paired wall whose session ended signs in again with its device cookie
  let signedInAgain = false;
  const principal = fetchPrincipal().then(async (known) => {
    if (known || !isWall || deviceRefusal) return known;
    if ((await signInDevice()) !== 'ok') return null;
    signedInAgain = true;
    return fetchPrincipal();
  });
  const config = loadScreenConfig();
  // the map's chunk and boundaries too: compiling MapLibre takes a moment, better spent before the snapshot is in
  void loadBoundaries().catch(() => undefined); // the map reports it if it still fails
  void { desk: deskMap, wall: wallMap, consult: consultMap }[seatOf(window.location).kind].load().catch(() => undefined);
  const store = new LiveStore();
  store.start();
  void config.then((c) => store.configure(c));
  const signedIn = await principal;
  // the feed set out before that sign-in and was refused: it starts again with the new session
  if (signedInAgain) {
    store.stop();
    store.start();
  }
  const seat = seatOf(window.location);
  if (seat.kind === 'wall') document.documentElement.classList.add('wall-root');
  if (!signedIn || signedIn.mustChangePassword) {
    store.stop();
    render(seat.kind === 'wall' ? <WallUnauthorized refused={deviceRefusal} /> : signedIn ? <ChangePasswordPage /> : <SignInPage />);
    return;
  }
  store.update({ principal: signedIn });
  render(<App store={store} seat={seat} />);
}

void boot();
