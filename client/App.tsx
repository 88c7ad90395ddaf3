import { SignInPage } from './auth/SignInPage.tsx';
import { DeskScreen } from './desk/DeskScreen.tsx';
import type { LiveStore } from './realtime/live-store.ts';
import { LiveProvider, useLive } from './realtime/LiveProvider.tsx';

/** A screen whose session ended (signed out elsewhere, expired, revoked) goes back to the sign-in page. */
function SignedInScreen() {
  const signedOut = useLive((v) => v.status === 'signed_out');
  return signedOut ? <SignInPage /> : <DeskScreen />;
}

export function App({ store }: { store?: LiveStore }) {
  return (
    <LiveProvider store={store}>
      <SignedInScreen />
    </LiveProvider>
  );
}
