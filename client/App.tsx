import { DeskScreen } from './desk/DeskScreen.tsx';
import type { LiveStore } from './realtime/live-store.ts';
import { LiveProvider } from './realtime/LiveProvider.tsx';

export function App({ store }: { store?: LiveStore }) {
  return (
    <LiveProvider store={store}>
      <DeskScreen />
    </LiveProvider>
  );
}
