import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarFeed } from '../../shared/api.ts';
import { api } from '../api/write.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { formatDateTime, formatDateTimeWithYear } from '../i18n/format.ts';

const LAYERS = ['risk-points', 'fire-alerts', 'incidents', 'warnings'] as const;

/** A roster subscription just made: its address is shown once, to paste into a calendar app. */
function RosterSubscription({ onMade }: { onMade: () => void }) {
  const { t } = useTranslation();
  const shifts = useLive((v) => v.sync.live?.dutyShifts);
  const people = useMemo(() => [...new Set([...(shifts?.values() ?? [])].map((s) => s.person))].sort(), [shifts]);
  const [person, setPerson] = useState('');
  const [address, setAddress] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const subscribe = async () => {
    const made = await api.calendarFeeds.create({ person: person || null });
    setFailed(!made.ok);
    if (made.ok) setAddress(new URL(made.data.path, window.location.href).href);
    onMade();
  };
  return (
    <div className="subscription">
      <select value={person} onChange={(e) => setPerson(e.target.value)} aria-label={t('exports.person')}>
        <option value="">{t('exports.wholeBureau')}</option>
        {people.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <button onClick={() => void subscribe()}>{t('exports.subscribe')}</button>
      {failed && <span className="refusal">{t('exports.subscribeFailed')}</span>}
      {address && (
        <p data-testid="calendar-address">
          {t('exports.subscriptionHint')} <input readOnly value={address} onFocus={(e) => e.target.select()} size={80} />
        </p>
      )}
    </div>
  );
}

/** 数据导出: the ledgers for offices, the layers for GIS tools, the roster for calendars. */
export function DataExports() {
  const { t } = useTranslation();
  return (
    <div className="data-exports" data-testid="exports">
      <h3>{t('exports.ledgers')}</h3>
      <p>
        {t('imports.tab.risk-points')}{' '}
        <a href="/api/risk-points?format=csv" download>
          CSV
        </a>{' '}
        <a href="/api/risk-points?format=xlsx" download>
          Excel
        </a>
        {' · '}
        {t('imports.tab.hazards')}{' '}
        <a href="/api/hazards?format=csv" download>
          CSV
        </a>{' '}
        <a href="/api/hazards?format=xlsx" download>
          Excel
        </a>
      </p>
      <h3>{t('exports.layers')}</h3>
      <p>
        {LAYERS.map((layer) => (
          <a key={layer} href={`/api/export/${layer}.geojson`} download>
            {t(`exports.layer.${layer}`)}
          </a>
        ))}
      </p>
      <h3>{t('exports.roster')}</h3>
      <p>
        <a href="/api/export/roster.ics" download>
          {t('exports.rosterFile')}
        </a>
      </p>
      <CalendarFeeds />
    </div>
  );
}

/** The roster subscriptions this person made (an administrator: everyone's), each with its end and a revoke. */
function CalendarFeeds() {
  const { t, i18n } = useTranslation();
  const [feeds, setFeeds] = useState<CalendarFeed[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const reload = useCallback(() => {
    void fetch('/api/calendar-feeds')
      .then((r) => (r.ok ? (r.json() as Promise<{ items: CalendarFeed[] }>) : { items: [] }))
      .then((body) => setFeeds(body.items))
      .catch(() => undefined);
  }, []);
  useEffect(reload, [reload]);
  const revoke = async (feed: CalendarFeed) => {
    if (!window.confirm(t('exports.revokeConfirm', { person: feed.person ?? t('exports.wholeBureau') }))) return;
    const sent = await api.calendarFeeds.revoke({ id: feed.id });
    setRefusal(sent.ok ? null : sent.message);
    reload();
  };
  const live = feeds.filter((f) => !f.revokedAt && Date.parse(f.expiresAt) > Date.now());
  return (
    <>
      <RosterSubscription onMade={reload} />
      {live.length > 0 && (
        <table className="calendar-feeds" data-testid="calendar-feeds">
          <thead>
            <tr>
              <th>{t('exports.person')}</th>
              <th>{t('exports.madeBy')}</th>
              <th>{t('exports.madeAt')}</th>
              <th>{t('exports.expiresAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {live.map((feed) => (
              <tr key={feed.id}>
                <td>{feed.person ?? t('exports.wholeBureau')}</td>
                <td>{feed.createdBy}</td>
                <td>{formatDateTime(feed.createdAt, i18n.language)}</td>
                <td>{formatDateTimeWithYear(feed.expiresAt, i18n.language)}</td>
                <td>
                  <button onClick={() => void revoke(feed)}>{t('exports.revoke')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {refusal && <span className="refusal">{refusal}</span>}
    </>
  );
}
