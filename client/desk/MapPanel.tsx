import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS } from '../../shared/risk-points.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { RiskPointSearch } from '../risk-points/RiskPointSearch.tsx';
import { FIRE_STATUS_COLOR, LEVEL_COLOR } from '../ui/palette.ts';
import { lazyMap } from '../map/LazyMap.tsx';
import { ALL_LAYERS, type LayerVisibility } from '../map/layer-visibility.ts';

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
      <RiskPointSearch />
      <div className="map-controls">
        <h4>{t('map.layers')}</h4>
        {(['riskPoints', 'fireAlerts', 'warnings'] as const).map((key) => (
          <label key={key}>
            <input type="checkbox" checked={visible[key]} onChange={() => toggle(key)} /> {t(`map.${key}`)}
          </label>
        ))}
        <h4>{t('map.legend')}</h4>
        <ul className="legend">
          {RISK_LEVELS.map((l) => (
            <li key={l}>
              <span className="dot" style={{ background: LEVEL_COLOR[l] }} /> {t(`level.${l}`)}
            </li>
          ))}
          <li>
            <span className="dot pulse" style={{ background: FIRE_STATUS_COLOR.new }} /> {t('fireStatus.new')}
          </li>
          <li>
            <span className="dot" style={{ background: FIRE_STATUS_COLOR.responding }} /> {t('fireStatus.responding')}
          </li>
        </ul>
      </div>
    </div>
  );
}
