import { useEffect, useState } from 'react';
import type { RiskPoint, RiskPointSummary } from '../../shared/risk-points.ts';

export type RecordLoad = { state: 'loading' } | { state: 'loaded'; record: RiskPoint } | { state: 'failed' };

/**
 * The full record of a risk point (contacts included), fetched when its drawer opens and again whenever the
 * live summary says the point changed; until the new answer arrives the last one for the same point stays.
 */
export function useRiskPointRecord(summary: RiskPointSummary): RecordLoad {
  const [held, setHeld] = useState<{ id: string; load: RecordLoad }>({ id: summary.id, load: { state: 'loading' } });
  const { id, updatedAt } = summary;
  useEffect(() => {
    const aborted = new AbortController();
    const settle = (load: RecordLoad) => {
      if (!aborted.signal.aborted) setHeld({ id, load });
    };
    fetch(`/api/risk-points/${encodeURIComponent(id)}`, { signal: aborted.signal, headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<RiskPoint>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((record) => settle({ state: 'loaded', record }))
      .catch(() => settle({ state: 'failed' }));
    return () => aborted.abort();
  }, [id, updatedAt]);
  return held.id === id ? held.load : { state: 'loading' };
}
