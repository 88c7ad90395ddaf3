import type { ReactNode } from 'react';
import { ChunkedMap } from '../../shared/chunked-map.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { LiveState } from '../../shared/sync.ts';
import type { Warning } from '../../shared/warnings.ts';
import { FireAlertLayers } from './FireAlertLayers.tsx';
import type { LayerVisibility } from './layer-visibility.ts';
import { MapCanvas } from './MapCanvas.tsx';
import { RiskPointLayers } from './RiskPointLayers.tsx';
import { SelectionLayers } from './SelectionLayers.tsx';
import { WarningLayers } from './WarningLayers.tsx';

const NO_WARNINGS = ChunkedMap.empty<Warning>();
const NO_FIRE_ALERTS = ChunkedMap.empty<FireAlert>();

export interface LiveMapProps {
  live: LiveState | null;
  visible: LayerVisibility;
  /** Laid out as on a 1080-line screen and magnified (the wall), rather than drawn at the page's own size. */
  scaleToScreen?: boolean;
  /** What the hosting screen adds on top (its hands, its camera, its annotations), once the picture is in. */
  children?: ReactNode;
}

/**
 * The map with its live layers, in drawing order (fire alerts above risk points, the selected record's ring on
 * top), and what the host adds.
 * The layers go on as the map opens, so the risk point clusters (which come from the server, not from the
 * picture) are drawn while the snapshot is still on its way; the rest of the picture follows it.
 */
export function LiveMap({ live, visible, scaleToScreen = false, children }: LiveMapProps) {
  return (
    <MapCanvas scaleToScreen={scaleToScreen}>
      <WarningLayers warnings={live?.warnings ?? NO_WARNINGS} visible={visible.warnings} />
      <RiskPointLayers points={live?.riskPoints ?? null} visible={visible.riskPoints} />
      <FireAlertLayers alerts={live?.fireAlerts ?? NO_FIRE_ALERTS} visible={visible.fireAlerts} />
      <SelectionLayers live={live} />
      {live && children}
    </MapCanvas>
  );
}
