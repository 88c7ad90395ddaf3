import type { LiveState } from '../../shared/sync.ts';
import { FireAlertLayers } from './FireAlertLayers.tsx';
import { MapInteractions } from './MapInteractions.tsx';
import type { LayerVisibility } from './MapPanel.tsx';
import { RiskPointLayers } from './RiskPointLayers.tsx';

/** The live layers, in drawing order (fire alerts above risk points), with the map's interactions. */
export default function MapLayers({ live, visible }: { live: LiveState; visible: LayerVisibility }) {
  return (
    <>
      <RiskPointLayers points={live.riskPoints} visible={visible.riskPoints} />
      <FireAlertLayers alerts={live.fireAlerts} visible={visible.fireAlerts} />
      <MapInteractions />
    </>
  );
}
