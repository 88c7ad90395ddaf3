import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { districtByCode } from '../../shared/districts.ts';
import { inDistrict } from '../../shared/districts.ts';
import { needsAttention } from '../../shared/fire-alerts.ts';
import { newestFirst } from './figures.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { FIRE_STATUS_COLOR } from '../ui/palette.ts';
import { playAlarm } from './alarm-sound.ts';
import { WarningList } from './WarningList.tsx';

const FEED_LENGTH = 100;
const DESCRIPTION_CHARS = 40;

/** The alert feed: newest first; an alert that arrives while the screen is open flashes (and sounds, if on). */
export function AlertFeed() {
  const { t, i18n } = useTranslation();
  const store = useLiveStore();
  const alerts = useLive((v) => v.sync.live?.fireAlerts);
  const district = useLive((v) => v.district);
  const selected = useLive((v) => v.selected);
  const [sound, setSound] = useState(false);
  // Alerts in the first picture are not news; any id that appears after it is. Its row flashes once, on mount.
  const firstPicture = useRef<Set<string> | null>(null);
  const heard = useRef<Set<string> | null>(null);
  if (alerts && !firstPicture.current) firstPicture.current = new Set(alerts.keys());

  const items = useMemo(() => newestFirst(inDistrict(alerts?.values() ?? [], district)).slice(0, FEED_LENGTH), [alerts, district]);

  useEffect(() => {
    if (!alerts) return;
    // a flagged industrial heat source arrives in silence
    const arrived = heard.current !== null && [...alerts.values()].some((a) => !heard.current!.has(a.id) && needsAttention(a));
    if (arrived && sound) playAlarm();
    heard.current = new Set(alerts.keys());
  }, [alerts, sound]);

  return (
    <section className="panel feed" data-testid="alert-feed">
      <h2>
        {t('feed.title')}
        <label className="sound-toggle">
          <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} /> {t('feed.sound')}
        </label>
      </h2>
      <WarningList />
      {items.length === 0 && <p className="empty">{t('feed.empty')}</p>}
      <ol>
        {items.map((a) => {
          const d = districtByCode(a.district);
          return (
            <li
              key={a.id}
              data-alert-id={a.id}
              className={`feed-item ${needsAttention(a) ? 'attention' : ''} ${firstPicture.current?.has(a.id) ? '' : 'flash-new'} ${selected?.id === a.id ? 'selected' : ''}`}
              style={{ borderLeftColor: FIRE_STATUS_COLOR[a.status] }}
              onClick={() => store.show('fireAlert', a)}
            >
              <div className="feed-line">
                <time>{formatDateTime(a.detectedAt, i18n.language)}</time>
                <span className="feed-district">{i18n.language === 'en' ? d?.nameEn : d?.name}</span>
                <span className="feed-source">{t(`source.${a.source}`)}</span>
                <span className="feed-status" style={{ color: FIRE_STATUS_COLOR[a.status] }}>
                  {t(`fireStatus.${a.status}`)}
                </span>
                {a.escalatedAt && a.status === 'new' && <span className="escalated-tag">{t('escalation.tag')}</span>}
                {a.heatSource && (
                  <span className="heat-source-tag" title={a.heatSource}>
                    {t('heatSource.tag')}
                  </span>
                )}
                {a.demo && <span className="demo-tag">{t('demo.badge')}</span>}
              </div>
              <div className="feed-text">{a.description.slice(0, DESCRIPTION_CHARS) || '—'}</div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
