import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { distanceKm } from '../../shared/geo.ts';
import { HAZARD_GRADES, type Hazard } from '../../shared/hazards.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';
import { api } from '../api/write.ts';
import { PlaceField } from '../map/PlaceField.tsx';
import type { Place } from '../map/place-pick.ts';
import { useLive } from '../realtime/LiveProvider.tsx';

/** Risk points offered beside a place picked on the map: the few nearest, within this distance. */
const NEAR_KM = 3;
const NEAR_COUNT = 5;

/** The risk points nearest a place, nearest first: a hazard seen beside a site may be filed on it. */
function useNearestPoints(place: Place | null): RiskPointSummary[] {
  const points = useLive((v) => v.sync.live?.riskPoints);
  return useMemo(() => {
    if (!place || !points) return [];
    const near: [number, RiskPointSummary][] = [];
    for (const p of points.values()) {
      const km = distanceKm(place, p);
      if (km <= NEAR_KM) near.push([km, p]);
    }
    return near
      .sort((a, b) => a[0] - b[0])
      .slice(0, NEAR_COUNT)
      .map(([, p]) => p);
  }, [place, points]);
}

/**
 * 上报隐患: a hazard an inspector or grid officer found, filed on a risk point (from its drawer) or at a place
 * clicked on the map (the server finds its district; the nearest risk point may be named). Shown to those
 * who operate; the new hazard comes back over the live feed into the ledger and the point's counts.
 */
export function ReportHazardForm({ riskPoint, onDone }: { riskPoint?: RiskPointSummary; onDone: (hazard: Hazard | null) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    title: '',
    description: '',
    grade: 'general' as Hazard['grade'],
    source: 'inspector' as 'inspector' | 'grid_officer',
    address: '',
  });
  const [place, setPlace] = useState<Place | null>(null);
  const [near, setNear] = useState('');
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nearest = useNearestPoints(riskPoint ? null : place);
  return (
    <form
      className="report-hazard step-form"
      data-testid="report-hazard-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const where = riskPoint ? { riskPointId: riskPoint.id } : { ...(place ?? {}), ...(near ? { riskPointId: near } : {}) };
        const sent = await api.hazards.report({ ...form, ...where });
        setBusy(false);
        if (!sent.ok) return setFailed(sent.message);
        onDone(sent.data);
      }}
    >
      <h4>{riskPoint ? t('hazard.reportOn', { name: riskPoint.name }) : t('hazard.reportAtPlace')}</h4>
      {!riskPoint && (
        <>
          <PlaceField value={place} onChange={setPlace} prompt={t('hazard.placePrompt')} testId="hazard-place" />
          <label>
            {t('drawer.address')}
            <input name="address" value={form.address} onChange={(e) => setForm({ ...form, address: e.target.value })} maxLength={200} />
          </label>
          <label>
            {t('hazard.nearPoint')}
            <select name="riskPointId" value={near} onChange={(e) => setNear(e.target.value)} disabled={nearest.length === 0}>
              <option value="">{nearest.length === 0 ? t('hazard.noPointNear') : t('hazard.noPoint')}</option>
              {nearest.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {distanceKm(place!, p).toFixed(1)} km
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <label>
        {t('hazard.title')}
        <input name="title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} maxLength={200} required />
      </label>
      <label>
        {t('hazard.description')}
        <textarea name="description" rows={3} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} maxLength={4000} />
      </label>
      <span className="form-pair">
        <label>
          {t('hazard.gradeLabel')}
          <select name="grade" value={form.grade} onChange={(e) => setForm({ ...form, grade: e.target.value as Hazard['grade'] })}>
            {HAZARD_GRADES.map((g) => (
              <option key={g} value={g}>
                {t(`hazard.grade.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('hazard.sourceLabel')}
          <select name="source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value as 'inspector' | 'grid_officer' })}>
            <option value="inspector">{t('hazard.source.inspector')}</option>
            <option value="grid_officer">{t('hazard.source.grid_officer')}</option>
          </select>
        </label>
      </span>
      {failed && (
        <p className="sign-in-error" role="alert">
          {t('actions.failed', { reason: failed })}
        </p>
      )}
      <span className="form-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('hazard.fileReport')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('confirm.no')}
        </button>
      </span>
    </form>
  );
}

/** The risk point drawer's 上报隐患: opens the form there, filed on that point. */
export function ReportHazardButton({ riskPoint }: { riskPoint: RiskPointSummary }) {
  const { t } = useTranslation();
  const role = useLive((v) => v.principal?.role);
  const [open, setOpen] = useState(false);
  const [filed, setFiled] = useState<string | null>(null);
  if (!role || !can(role, 'operate')) return null;
  if (open) return <ReportHazardForm key={riskPoint.id} riskPoint={riskPoint} onDone={(h) => (setOpen(false), setFiled(h?.title ?? null))} />;
  return (
    <div className="report-hazard-open">
      <button type="button" data-testid="report-hazard" onClick={() => (setOpen(true), setFiled(null))}>
        {t('hazard.report')}
      </button>
      {filed && <small className="muted">{t('hazard.filed', { title: filed })}</small>}
    </div>
  );
}
