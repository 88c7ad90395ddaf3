import { DeskScreen } from './desk/DeskScreen.tsx';
import { LiveProvider } from './realtime/LiveProvider.tsx';

export function App() {
  return (
    <LiveProvider>
      <DeskScreen />
    </LiveProvider>
  );
}
