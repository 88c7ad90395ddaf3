import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../realtime/LiveProvider.tsx';

const LAYERS = ['risk-points', 'fire-alerts', 'incidents', 'warnings'] as const;

/** A roster subscription just made: its address is shown once, to paste into a calendar app. */
function RosterSubscription() {
  const { t } = useTranslation();
  const shifts = useLive((v) => v.sync.live?.dutyShifts);
  const people = useMemo(() => [...new Set([...(shifts?.values() ?? [])].map((s) => s.person))].sort(), [shifts]);
  const [person, setPerson] = useState('');
  const [address, setAddress] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const subscribe = async () => {
    const response = await fetch('/api/calendar-feeds', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ person: person || null }) }).catch(() => null);
    setFailed(!response?.ok);
    if (response?.ok) setAddress(new URL(((await response.json()) as { path: string }).path, window.location.href).href);
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
        {t('imports.tab.risk-points')} <a href="/api/risk-points?format=csv" download>CSV</a> <a href="/api/risk-points?format=xlsx" download>Excel</a>
        {' · '}
        {t('imports.tab.hazards')} <a href="/api/hazards?format=csv" download>CSV</a> <a href="/api/hazards?format=xlsx" download>Excel</a>
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
      <RosterSubscription />
    </div>
  );
}
