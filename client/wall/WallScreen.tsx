import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallRules } from '../../shared/basemap.ts';
import { districtByCode } from '../../shared/districts.ts';
import { formatClock } from '../i18n/format.ts';
import { lazyMap } from '../map/LazyMap.tsx';
import { ALL_LAYERS } from '../map/layer-visibility.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { loadScreenConfig } from '../screen-config.ts';
import { ConnectionBadge, DemoBadge } from '../ui/badges.tsx';
import { useNow } from '../ui/useNow.ts';
import type { Director } from './director.ts';
import { useWallDirector } from './useWallDirector.ts';
import { FireDanger, WallAlerts, WallDuty, WallFigures } from './WallPanels.tsx';
import './wall.css';

/** The wall's map, in its own chunk. */
export const wallMap = lazyMap(() => import('./WallMap.tsx'));

/** The camera's shot, written on the screen root for whoever watches the wall (and its tests). */
const shotLabel = ({ shot }: Director) => (shot.kind === 'focus' ? `focus:${shot.news.id}` : shot.kind === 'tour' ? `tour:${shot.district}` : 'overview');

/** What the map is turned to, in words, over the map. */
function ShotCaption({ director }: { director: Director }) {
  const { t, i18n } = useTranslation();
  const { shot } = director;
  const live = useLive((v) => v.sync.live);
  if (shot.kind === 'overview') return null;
  const district = districtByCode(shot.kind === 'focus' ? shot.news.district : shot.district);
  const place = (i18n.language === 'en' ? district?.nameEn : district?.name) ?? '';
  if (shot.kind === 'tour') return <div className="wall-caption tour">{t('wall.touring', { district: place })}</div>;
  const { news } = shot;
  const text = news.kind === 'fireAlert' ? live?.fireAlerts.get(news.id)?.description : live?.riskPoints.get(news.id)?.name;
  return (
    <div className="wall-caption focus" data-testid="wall-focus">
      <b>{t(news.kind === 'fireAlert' ? 'wall.newFire' : 'wall.newRed')}</b> {place} {text}
    </div>
  );
}

function WallHeader() {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  return (
    <header className="wall-header">
      <h1>{t('app.title')}</h1>
      <DemoBadge />
      <ConnectionBadge />
      <time className="wall-clock">{formatClock(new Date(now), i18n.language)}</time>
    </header>
  );
}

/**
 * 大屏: the leaders' wall. No input, no dialogs, no scroll bars: the map in the middle, the city's figures,
 * the fire danger, the people on duty and the newest alerts around it, and a camera that turns to news and
 * tours the districts by itself.
 */
export function WallScreen() {
  const [rules, setRules] = useState<WallRules | null>(null);
  useEffect(() => void loadScreenConfig().then((c) => setRules(c.wall)), []);
  return rules ? <Wall rules={rules} /> : null;
}

function Wall({ rules }: { rules: WallRules }) {
  const director = useWallDirector(rules);
  const live = useLive((v) => v.sync.live);
  return (
    <div className="wall" data-testid="wall" data-shot={shotLabel(director)}>
      <WallHeader />
      <aside className="wall-side wall-left">
        <WallFigures />
        <FireDanger />
      </aside>
      <main className="wall-map">
        <wallMap.Map live={live} visible={ALL_LAYERS} shot={director.shot} />
        <ShotCaption director={director} />
      </main>
      <aside className="wall-side wall-right">
        <WallDuty />
        <WallAlerts />
      </aside>
    </div>
  );
}
