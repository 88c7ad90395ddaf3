import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { LEVEL_COLOR } from '../ui/palette.ts';

const MAX_MATCHES = 8;

/** Search risk points by name; picking one opens it and flies the map there. */
export function RiskPointSearch() {
  const { t } = useTranslation();
  const store = useLiveStore();
  const points = useLive((v) => v.sync.live?.riskPoints);
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const q = query.trim();
    if (!q || !points) return [];
    const found = [];
    for (const p of points.values()) {
      if (p.name.includes(q)) found.push(p);
      if (found.length >= MAX_MATCHES) break;
    }
    return found;
  }, [query, points]);

  return (
    <div className="search">
      <input type="search" value={query} placeholder={t('map.search')} onChange={(e) => setQuery(e.target.value)} aria-label={t('map.search')} />
      {query.trim() && (
        <ul className="search-results">
          {matches.length === 0 && <li className="empty">{t('map.noMatch')}</li>}
          {matches.map((p) => (
            <li key={p.id}>
              <button
                onClick={() => {
                  store.show('riskPoint', p);
                  setQuery('');
                }}
              >
                <span className="dot" style={{ background: LEVEL_COLOR[p.level] }} />
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
