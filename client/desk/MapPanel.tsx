import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../realtime/LiveProvider.tsx';
import { RiskPointSearch } from '../risk-points/RiskPointSearch.tsx';
import { NewRiskPoint } from '../risk-points/NewRiskPoint.tsx';
import { lazyMap } from '../map/LazyMap.tsx';
import { ALL_LAYERS, type LayerVisibility } from '../map/layer-visibility.ts';
import { MapLegend } from '../map/Legend.tsx';

/** The desk's map: the live map with the officer's hands on it (hover, click, fly to the selection). */
export const deskMap = lazyMap(() => import('./DeskMap.tsx'));

/** The map with its switches, legend and search; layers draw from the live store. */
export function MapPanel() {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<LayerVisibility>(ALL_LAYERS);
  const live = useLive((v) => v.sync.live);
  const toggle = (key: keyof LayerVisibility) => setVisible((v) => ({ ...v, [key]: !v[key] }));

  return (
    <div className="map-panel">
      <deskMap.Map live={live} visible={visible} />
      <MapLegend host="desk" />
      <RiskPointSearch />
      <NewRiskPoint />
      <div className="map-controls">
        <h4>{t('map.layers')}</h4>
        {(['riskPoints', 'fireAlerts', 'warnings'] as const).map((key) => (
          <label key={key}>
            <input type="checkbox" checked={visible[key]} onChange={() => toggle(key)} /> {t(`map.${key}`)}
          </label>
        ))}
      </div>
    </div>
  );
}
