import { useEffect, useState } from 'react';
import type { RiskPointProgress } from '../../shared/risk-assessment.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';

export type ProgressLoad = { state: 'loading' } | { state: 'loaded'; progress: RiskPointProgress } | { state: 'failed' };

/**
 * A point's stage, steps and assessments, read when its drawer opens and again whenever the live summary says
 * the point changed (every assessment and step changes it), so each screen's drawer follows the others' work.
 * `hold` takes a write's own answer at once.
 */
export function useRiskPointProgress(summary: RiskPointSummary): { load: ProgressLoad; hold: (p: RiskPointProgress) => void } {
  const { id, updatedAt } = summary;
  const [held, setHeld] = useState<{ id: string; load: ProgressLoad }>({ id, load: { state: 'loading' } });
  useEffect(() => {
    const aborted = new AbortController();
    fetch(`/api/risk-points/${encodeURIComponent(id)}/progress`, { signal: aborted.signal, headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<RiskPointProgress>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((progress) => !aborted.signal.aborted && setHeld({ id, load: { state: 'loaded', progress } }))
      .catch(() => !aborted.signal.aborted && setHeld((h) => (h.id === id && h.load.state === 'loaded' ? h : { id, load: { state: 'failed' } })));
    return () => aborted.abort();
  }, [id, updatedAt]);
  return {
    load: held.id === id ? held.load : { state: 'loading' },
    hold: (progress) => setHeld({ id: progress.riskPointId, load: { state: 'loaded', progress } }),
  };
}
