import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRICTS } from '../../shared/districts.ts';
import { INCIDENT_CATEGORIES, INCIDENT_CATEGORY_NAMES, incidentTypeEntry, typesOfCategory, type IncidentCategory } from '../../shared/incident-types.ts';
import { type Casualties, type IncidentCreate, INTAKE_CHANNELS, type IntakeChannel, NO_CASUALTIES, PERSON_CHANNELS } from '../../shared/incidents.ts';
import { api } from '../api/write.ts';
import { PlaceField } from '../map/PlaceField.tsx';
import type { Place } from '../map/place-pick.ts';
import { beijingInputValue, closeIntake, instantOfBeijingInput, type IntakeRequest } from './intake.ts';

const COUNTS = ['dead', 'injured', 'missing', 'trapped'] as const;

/**
 * 接报登记: an incident reported by phone or message (or a fire alert becoming one), typed by the national
 * classification, placed by a click on the map or by district and address. The dialog gives way to the map
 * while a place is picked (`gives-way-to-map`); the server finds the district from the place.
 */
export function IntakeForm({ request }: { request: IntakeRequest }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const p = request.prefill;
  const firstType = incidentTypeEntry(p.type ?? 'forest_grassland_fire');
  const [title, setTitle] = useState(p.title ?? '');
  const [category, setCategory] = useState<IncidentCategory>(firstType?.category ?? 'natural_disaster');
  const [type, setType] = useState<string>(firstType?.code ?? 'forest_grassland_fire');
  const [occurred, setOccurred] = useState(beijingInputValue(p.occurredAt ?? Date.now()));
  const [received, setReceived] = useState(beijingInputValue(p.receivedAt ?? Date.now()));
  const [place, setPlace] = useState<Place | null>(p.lon !== undefined && p.lat !== undefined ? { lon: p.lon, lat: p.lat } : null);
  const [district, setDistrict] = useState<string>(p.district ?? '');
  const [address, setAddress] = useState(p.address ?? '');
  const [casualties, setCasualties] = useState<Record<keyof Casualties, string>>(() => {
    const c = p.casualties ?? NO_CASUALTIES;
    return { dead: String(c.dead), injured: String(c.injured), missing: String(c.missing), trapped: String(c.trapped) };
  });
  const [channel, setChannel] = useState<IntakeChannel>(p.channel ?? 'phone');
  const [reporterName, setReporterName] = useState(p.reporterName ?? '');
  const [callbackPhone, setCallbackPhone] = useState(p.callbackPhone ?? '');
  const [description, setDescription] = useState(p.description ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const person = PERSON_CHANNELS.has(channel);

  const chooseCategory = (next: IncidentCategory) => {
    setCategory(next);
    setType(typesOfCategory(next)[0]!.code);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const body: IncidentCreate = {
      title,
      type: type as IncidentCreate['type'],
      occurredAt: instantOfBeijingInput(occurred),
      receivedAt: instantOfBeijingInput(received),
      ...(place ? { lon: place.lon, lat: place.lat } : district ? { district: district as IncidentCreate['district'] } : {}),
      ...(address.trim() ? { address } : {}),
      // an empty count is none; what is not a whole number goes as typed, for the server to name
      casualties: Object.fromEntries(COUNTS.map((k) => [k, casualties[k].trim() === '' ? 0 : Number(casualties[k])])) as Casualties,
      channel,
      ...(reporterName.trim() ? { reporterName } : {}),
      ...(callbackPhone.trim() ? { callbackPhone } : {}),
      ...(description.trim() ? { description } : {}),
      ...(p.fireAlertId ? { fireAlertId: p.fireAlertId } : {}),
    };
    const sent = await api.incidents.open(body);
    setBusy(false);
    if (sent.ok) closeIntake();
    else setError(sent.message);
  };

  return (
    <div className="incident-dialog gives-way-to-map" role="dialog" aria-label={t('incidentWork.intakeTitle')} data-testid="intake-form">
      <form onSubmit={submit}>
        <header>
          <h2>{p.fireAlertId ? t('incidentWork.fromFireAlert') : t('incidentWork.intakeTitle')}</h2>
          <button type="button" onClick={closeIntake} aria-label={t('incidentWork.cancel')}>
            ✕
          </button>
        </header>
        <div className="incident-grid">
          <label className="wide">
            {t('incidentWork.title')}
            <input
              name="title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={t('incidentWork.titlePlaceholder')}
              maxLength={200}
              required
            />
          </label>
          <label>
            {t('incidentWork.category')}
            <select name="category" value={category} onChange={(e) => chooseCategory(e.target.value as IncidentCategory)}>
              {INCIDENT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {INCIDENT_CATEGORY_NAMES[c][en ? 'en' : 'zh']}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('incidentWork.type')}
            <select name="type" value={type} onChange={(e) => setType(e.target.value)}>
              {typesOfCategory(category).map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.group ? `${entry.group[en ? 'en' : 'zh']} · ` : ''}
                  {entry[en ? 'en' : 'zh']}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('incidentWork.occurredAt')}
            <input name="occurredAt" type="datetime-local" value={occurred} onChange={(e) => setOccurred(e.target.value)} required />
          </label>
          <label>
            {t('incidentWork.receivedAt')}
            <input name="receivedAt" type="datetime-local" value={received} onChange={(e) => setReceived(e.target.value)} required />
          </label>
          <fieldset className="wide">
            <legend>{t('incidentWork.place')}</legend>
            <PlaceField value={place} onChange={setPlace} prompt={t('incidentWork.placePrompt')} testId="intake-place" />
            <div className="incident-row">
              <span className="hint">{t('incidentWork.placeOr')}</span>
              <select
                name="district"
                aria-label={t('incidentWork.district')}
                value={district}
                onChange={(e) => setDistrict(e.target.value)}
                disabled={place !== null}
              >
                <option value="">{t('incidentWork.chooseDistrict')}</option>
                {DISTRICTS.map((d) => (
                  <option key={d.code} value={d.code}>
                    {en ? d.nameEn : d.name}
                  </option>
                ))}
              </select>
              <input
                name="address"
                aria-label={t('incidentWork.address')}
                placeholder={t('incidentWork.address')}
                value={address}
                onChange={(e) => setAddress(e.target.value)}
                maxLength={200}
              />
            </div>
          </fieldset>
          <fieldset className="wide">
            <legend>{t('incidentWork.casualties')}</legend>
            <div className="incident-row">
              {COUNTS.map((k) => (
                <label key={k} className="count">
                  {t(`incidentWork.${k}`)}
                  <input
                    name={k}
                    type="number"
                    min={0}
                    step={1}
                    inputMode="numeric"
                    value={casualties[k]}
                    onChange={(e) => setCasualties({ ...casualties, [k]: e.target.value })}
                  />
                </label>
              ))}
            </div>
          </fieldset>
          <label>
            {t('incidentWork.channel')}
            <select name="channel" value={channel} onChange={(e) => setChannel(e.target.value as IntakeChannel)}>
              {INTAKE_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`incidentWork.channels.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('incidentWork.reporterName')}
            <input name="reporterName" value={reporterName} onChange={(e) => setReporterName(e.target.value)} maxLength={60} required={person} />
          </label>
          <label>
            {t('incidentWork.callbackPhone')}
            <input
              name="callbackPhone"
              type="tel"
              value={callbackPhone}
              onChange={(e) => setCallbackPhone(e.target.value)}
              placeholder={t('incidentWork.callbackHint')}
              maxLength={32}
              required={person}
            />
          </label>
          <label className="wide">
            {t('incidentWork.description')}
            <textarea name="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
          </label>
        </div>
        {error && (
          <p className="sign-in-error" role="alert">
            {t('incidentWork.failed', { reason: error })}
          </p>
        )}
        <footer>
          <button type="button" onClick={closeIntake}>
            {t('incidentWork.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="intake-submit">
            {t('incidentWork.register')}
          </button>
        </footer>
      </form>
    </div>
  );
}
