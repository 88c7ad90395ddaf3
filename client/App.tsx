import { SignInPage } from './auth/SignInPage.tsx';
import { ConsultScreen } from './consult/ConsultScreen.tsx';
import { DeskScreen } from './desk/DeskScreen.tsx';
import { WallScreen } from './wall/WallScreen.tsx';
import { WallUnauthorized } from './wall/WallUnauthorized.tsx';
import type { LiveStore } from './realtime/live-store.ts';
import { LiveProvider, useLive } from './realtime/LiveProvider.tsx';

/** The three seats: the duty desk, the leaders' wall, a consultation room. */
export type Seat = { kind: 'desk' } | { kind: 'wall' } | { kind: 'consult'; room: string; incidentId: string | null };

/** Which seat a screen's address opens. */
export function seatOf(location: Location): Seat {
  if (location.pathname === '/wall') return { kind: 'wall' };
  const consult = /^\/consult\/([A-Za-z0-9_.-]{1,64})$/.exec(location.pathname);
  if (consult) return { kind: 'consult', room: consult[1]!, incidentId: new URLSearchParams(location.search).get('incident') };
  return { kind: 'desk' };
}

/**
 * A screen whose session ended (signed out elsewhere, expired, revoked) goes back to the sign-in page; a
 * wall, which has no keyboard, says it needs its device token.
 */
function SignedInScreen({ seat }: { seat: Seat }) {
  const signedOut = useLive((v) => v.status === 'signed_out');
  if (seat.kind === 'wall') return signedOut ? <WallUnauthorized /> : <WallScreen />;
  if (signedOut) return <SignInPage />;
  return seat.kind === 'consult' ? <ConsultScreen room={seat.room} incidentId={seat.incidentId} /> : <DeskScreen />;
}

export function App({ store, seat = { kind: 'desk' } }: { store?: LiveStore; seat?: Seat }) {
  return (
    <LiveProvider store={store}>
      <SignedInScreen seat={seat} />
    </LiveProvider>
  );
}
