import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_CATEGORIES, RISK_LEVELS, type RiskCategory, type RiskLevel, type RiskPoint, type RiskPointPatch } from '../../shared/risk-points.ts';
import { api } from '../api/write.ts';
import { PlaceField } from '../map/PlaceField.tsx';
import type { Place } from '../map/place-pick.ts';
import './risk-points.css';

/** What the form holds: the text as typed, and the place picked or typed. */
interface Draft {
  name: string;
  category: RiskCategory;
  level: RiskLevel;
  address: string;
  responsibleUnit: string;
  responsiblePerson: string;
  responsiblePhone: string;
  place: Place | null;
}

const EMPTY: Draft = {
  name: '',
  category: 'hazardous_chemicals',
  level: 'blue',
  address: '',
  responsibleUnit: '',
  responsiblePerson: '',
  responsiblePhone: '',
  place: null,
};

const draftOf = (p: RiskPoint): Draft => ({
  name: p.name,
  category: p.category,
  level: p.level,
  address: p.address,
  responsibleUnit: p.responsibleUnit,
  responsiblePerson: p.responsiblePerson,
  responsiblePhone: p.responsiblePhone,
  place: { lon: p.lon, lat: p.lat },
});

const TEXT_FIELDS = ['name', 'address', 'responsibleUnit', 'responsiblePerson', 'responsiblePhone'] as const;
const LABEL: Record<(typeof TEXT_FIELDS)[number], string> = {
  name: 'riskWork.name',
  address: 'riskWork.address',
  responsibleUnit: 'riskWork.unit',
  responsiblePerson: 'riskWork.person',
  responsiblePhone: 'riskWork.phone',
};

/** Only what the officer changed: a patch that names an unchanged field would be audited as a change. */
function patchOf(before: RiskPoint, draft: Draft): RiskPointPatch {
  const patch: Record<string, unknown> = {};
  for (const key of TEXT_FIELDS) if (draft[key] !== before[key]) patch[key] = draft[key];
  if (draft.category !== before.category) patch.category = draft.category;
  if (draft.place && (draft.place.lon !== before.lon || draft.place.lat !== before.lat)) Object.assign(patch, draft.place);
  return patch as RiskPointPatch;
}

/**
 * 新增 / 编辑风险点: name, category, address, who answers for it, and its place, picked by clicking on the map
 * (the form steps aside meanwhile) or typed. The server finds the district from the place. A new point's
 * level is the surveyor's first judgement (初判); afterwards only a confirmed assessment changes it.
 */
export function RiskPointForm({ editing, onDone }: { editing?: RiskPoint; onDone: (saved: RiskPoint | null) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.place) return setError(t('riskWork.placeMissing'));
    setBusy(true);
    const { place, ...fields } = draft;
    let sent;
    if (editing) {
      const patch = patchOf(editing, draft);
      if (Object.keys(patch).length === 0) {
        setBusy(false);
        return onDone(null);
      }
      sent = await api.riskPoints.change({ id: editing.id }, patch);
    } else sent = await api.riskPoints.create({ ...fields, ...place });
    setBusy(false);
    if (!sent.ok) return setError(t('riskWork.failed', { reason: sent.message }));
    onDone(sent.data);
  };

  return (
    <form className="risk-point-form gives-way-to-map" data-testid="risk-point-form" onSubmit={submit}>
      <h3>{t(editing ? 'riskWork.editTitle' : 'riskWork.createTitle')}</h3>
      <label>
        {t('riskWork.name')}
        <input name="name" value={draft.name} maxLength={120} required onChange={(e) => set('name', e.target.value)} />
      </label>
      <label>
        {t('riskWork.category')}
        <select name="category" value={draft.category} onChange={(e) => set('category', e.target.value as RiskCategory)}>
          {RISK_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      {editing ? (
        <p className="form-hint">{t('riskWork.levelByAssessment')}</p>
      ) : (
        <label title={t('riskWork.initialLevelHint')}>
          {t('riskWork.initialLevel')}
          <select name="level" value={draft.level} onChange={(e) => set('level', e.target.value as RiskLevel)}>
            {RISK_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset>
        <legend>{t('riskWork.place')}</legend>
        <PlaceField value={draft.place} onChange={(place) => set('place', place)} prompt={t('riskWork.placePrompt')} testId="risk-point-place" />
      </fieldset>
      {TEXT_FIELDS.filter((key) => key !== 'name').map((key) => (
        <label key={key}>
          {t(LABEL[key])}
          <input
            name={key}
            value={draft[key]}
            maxLength={key === 'address' ? 200 : key === 'responsiblePhone' ? 32 : 120}
            inputMode={key === 'responsiblePhone' ? 'tel' : undefined}
            onChange={(e) => set(key, e.target.value)}
          />
        </label>
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('riskWork.save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('riskWork.cancel')}
        </button>
      </div>
    </form>
  );
}
