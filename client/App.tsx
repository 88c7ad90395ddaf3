import { SignInPage } from './auth/SignInPage.tsx';
import { DeskScreen } from './desk/DeskScreen.tsx';
import { WallScreen } from './wall/WallScreen.tsx';
import { WallUnauthorized } from './wall/WallUnauthorized.tsx';
import type { LiveStore } from './realtime/live-store.ts';
import { LiveProvider, useLive } from './realtime/LiveProvider.tsx';

export type Seat = 'desk' | 'wall';

/**
 * A desk whose session ended (signed out elsewhere, expired, revoked) goes back to the sign-in page; a wall,
 * which has no keyboard, says it needs its device token.
 */
function SignedInScreen({ seat }: { seat: Seat }) {
  const signedOut = useLive((v) => v.status === 'signed_out');
  if (seat === 'wall') return signedOut ? <WallUnauthorized /> : <WallScreen />;
  return signedOut ? <SignInPage /> : <DeskScreen />;
}

export function App({ store, seat = 'desk' }: { store?: LiveStore; seat?: Seat }) {
  return (
    <LiveProvider store={store}>
      <SignedInScreen seat={seat} />
    </LiveProvider>
  );
}
