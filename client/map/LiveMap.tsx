import type { LiveState } from '../../shared/sync.ts';
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

/**
 * The map with its live layers, in drawing order (fire alerts above risk points), and what the seat adds.
 * One module, loaded as one chunk: a second lazy part would make Suspense hide the map while it loads.
 */
export default function LiveMap({ live, visible, seat = { kind: 'desk' } }: { live: LiveState | null; visible: LayerVisibility; seat?: MapSeat }) {
  return (
    <MapCanvas scaleToScreen={seat.kind === 'wall'}>
      {live && (
        <>
          <WarningLayers warnings={live.warnings} visible={visible.warnings} />
          <RiskPointLayers points={live.riskPoints} visible={visible.riskPoints} />
          <FireAlertLayers alerts={live.fireAlerts} visible={visible.fireAlerts} />
          {seat.kind === 'desk' && <MapInteractions />}
          {seat.kind === 'wall' && <WallCamera shot={seat.shot} />}
          {seat.kind === 'consult' && <ConsultMapParts session={seat.session} visible={visible} />}
        </>
      )}
    </MapCanvas>
  );
}
