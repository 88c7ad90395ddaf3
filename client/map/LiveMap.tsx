import type { LiveState } from '../../shared/sync.ts';
import { FireAlertLayers } from './FireAlertLayers.tsx';
import { MapCanvas } from './MapCanvas.tsx';
import { MapInteractions } from './MapInteractions.tsx';
import type { LayerVisibility } from './MapPanel.tsx';
import { RiskPointLayers } from './RiskPointLayers.tsx';
import { WarningLayers } from './WarningLayers.tsx';

/**
 * The map with its live layers, in drawing order (fire alerts above risk points), and its interactions.
 * One module, loaded as one chunk: a second lazy part would make Suspense hide the map while it loads.
 */
export default function LiveMap({ live, visible }: { live: LiveState | null; visible: LayerVisibility }) {
  return (
    <MapCanvas>
      {live && (
        <>
          <WarningLayers warnings={live.warnings} visible={visible.warnings} />
          <RiskPointLayers points={live.riskPoints} visible={visible.riskPoints} />
          <FireAlertLayers alerts={live.fireAlerts} visible={visible.fireAlerts} />
          <MapInteractions />
        </>
      )}
    </MapCanvas>
  );
}
