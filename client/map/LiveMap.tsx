import { ChunkedMap } from '../../shared/chunked-map.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { LiveState } from '../../shared/sync.ts';
import type { Warning } from '../../shared/warnings.ts';
import type { ConsultSession } from '../consult/consult-session.ts';
import { ConsultMapParts } from './ConsultMapParts.tsx';
import { FireAlertLayers } from './FireAlertLayers.tsx';
import { MapCanvas } from './MapCanvas.tsx';
import { MapInteractions } from './MapInteractions.tsx';
import type { LayerVisibility } from './MapPanel.tsx';
import { RiskPointLayers } from './RiskPointLayers.tsx';
import type { Shot } from '../wall/director.ts';
import { WallCamera } from './WallCamera.tsx';
import { WarningLayers } from './WarningLayers.tsx';

/** Which seat the map serves: the desk's hands, the wall's camera, or a consultation's shared view. */
export type MapSeat = { kind: 'desk' } | { kind: 'wall'; shot: Shot } | { kind: 'consult'; session: ConsultSession };

const NO_WARNINGS = ChunkedMap.empty<Warning>();
const NO_FIRE_ALERTS = ChunkedMap.empty<FireAlert>();

/**
 * The map with its live layers, in drawing order (fire alerts above risk points), and what the seat adds.
 * The layers go on as the map opens, so the risk point clusters (which come from the server, not from the
 * picture) are drawn while the snapshot is still on its way; the rest of the picture follows it.
 * One module, loaded as one chunk: a second lazy part would hide the map again while it loads.
 */
export default function LiveMap({ live, visible, seat = { kind: 'desk' } }: { live: LiveState | null; visible: LayerVisibility; seat?: MapSeat }) {
  return (
    <MapCanvas scaleToScreen={seat.kind === 'wall'}>
      <WarningLayers warnings={live?.warnings ?? NO_WARNINGS} visible={visible.warnings} />
      <RiskPointLayers points={live?.riskPoints ?? null} visible={visible.riskPoints} />
      <FireAlertLayers alerts={live?.fireAlerts ?? NO_FIRE_ALERTS} visible={visible.fireAlerts} />
      {live && (
        <>
          {seat.kind === 'desk' && <MapInteractions />}
          {seat.kind === 'wall' && <WallCamera shot={seat.shot} />}
          {seat.kind === 'consult' && <ConsultMapParts session={seat.session} visible={visible} />}
        </>
      )}
    </MapCanvas>
  );
}
