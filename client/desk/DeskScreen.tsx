import { KpiPanel } from '../charts/KpiPanel.tsx';
import { DutyPanel } from '../duty/DutyPanel.tsx';
import { AlertFeed } from '../fire-alerts/AlertFeed.tsx';
import { IncidentPanel } from '../incidents/IncidentPanel.tsx';
import { EscalationBanner } from '../fire-alerts/EscalationBanner.tsx';
import { MapPanel } from './MapPanel.tsx';
import { TopBar } from './TopBar.tsx';
import { DetailDrawer } from './DetailDrawer.tsx';
import { NotificationAlarm } from '../notifications/NotificationAlarm.tsx';
import { SoundPrompt } from '../notifications/SoundPrompt.tsx';

/** 值班席: the duty officer's screen at 1920×1080. */
export function DeskScreen() {
  return (
    <div className="desk">
      <TopBar />
      <aside className="desk-left">
        <DutyPanel />
        <KpiPanel />
      </aside>
      <main className="desk-map">
        <EscalationBanner />
        <MapPanel />
        <DetailDrawer />
      </main>
      <aside className="desk-right">
        <IncidentPanel />
        <AlertFeed />
      </aside>
      {/* over everything: the leader's escalation alarm, and the one click that lets the desk sound */}
      <SoundPrompt />
      <NotificationAlarm />
    </div>
  );
}
