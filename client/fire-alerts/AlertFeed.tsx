import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { districtByCode } from '../../shared/districts.ts';
import { inDistrict } from '../../shared/districts.ts';
import { needsAttention } from '../../shared/fire-alerts.ts';
import { newestFirst } from './figures.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { FIRE_STATUS_COLOR } from '../ui/palette.ts';
import { playAlarm, setSoundOn, useSound } from './alarm-sound.ts';
import { WarningList } from './WarningList.tsx';
import './alert-panel.css';

const FEED_LENGTH = 100;
const DESCRIPTION_CHARS = 40;

/**
 * The alert feed: the warnings in force at their natural height (capped, foldable), then the fire-alert queue
 * filling the rest of the panel, newest first; an alert that arrives while the screen is open flashes (and
 * sounds, if on).
 */
export function AlertFeed() {
  const { t, i18n } = useTranslation();
  const store = useLiveStore();
  const alerts = useLive((v) => v.sync.live?.fireAlerts);
  const district = useLive((v) => v.district);
  const selected = useLive((v) => v.selected);
  // on by default once the desk was given its one click (SoundPrompt); the switch mutes it, remembered
  const sound = useSound().preference === 'on';
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
          <input type="checkbox" checked={sound} data-testid="sound-switch" onChange={(e) => setSoundOn(e.target.checked)} /> {t('feed.sound')}
        </label>
      </h2>
      <WarningList />
      <h3 className="feed-queue-title">{t('map.fireAlerts')}</h3>
      {items.length === 0 && <p className="empty">{t('feed.empty')}</p>}
      <ol className="feed-queue" data-testid="fire-alert-queue">
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
