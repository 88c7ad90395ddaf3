import type { LiveState } from '../../shared/sync.ts';
import { FireAlertLayers } from './FireAlertLayers.tsx';
import { MapCanvas } from './MapCanvas.tsx';
import { MapInteractions } from './MapInteractions.tsx';
import type { LayerVisibility } from './MapPanel.tsx';
import { RiskPointLayers } from './RiskPointLayers.tsx';
import type { Shot } from '../wall/director.ts';
import { WallCamera } from './WallCamera.tsx';
import { WarningLayers } from './WarningLayers.tsx';

/**
 * The map with its live layers, in drawing order (fire alerts above risk points), and its interactions —
 * or, on the wall (a `shot` given), the wall's camera instead. One module, loaded as one chunk: a second lazy
 * part would make Suspense hide the map while it loads.
 */
export default function LiveMap({ live, visible, shot }: { live: LiveState | null; visible: LayerVisibility; shot?: Shot }) {
  return (
    <MapCanvas scaleToScreen={shot !== undefined}>
      {live && (
        <>
          <WarningLayers warnings={live.warnings} visible={visible.warnings} />
          <RiskPointLayers points={live.riskPoints} visible={visible.riskPoints} />
          <FireAlertLayers alerts={live.fireAlerts} visible={visible.fireAlerts} />
          {shot ? <WallCamera shot={shot} /> : <MapInteractions />}
        </>
      )}
    </MapCanvas>
  );
}
