import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRICTS, districtByCode } from '../../shared/districts.ts';
import type { WriteAnswer, WRITES } from '../../shared/api.ts';
import { TIP_OFF_CATEGORIES, TIP_OFF_PHOTO_MAX_BYTES, type TipOffCategory, type TipOffInput } from '../../shared/hazards.ts';
import { api } from '../api/write.ts';
import { formatDateTimeWithYear } from '../i18n/format.ts';
import { switchLanguage } from '../i18n/index.ts';
import './tip-off.css';

/** The public pages' frame: the bureau's name, the page's title, the language switch; light, like any government service page. */
export function PublicFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.documentElement.classList.add('public-root');
    document.title = title;
    return () => document.documentElement.classList.remove('public-root');
  }, [title]);
  return (
    <div className="public-page">
      <header className="gov-header">
        <div className="gov-header-inner">
          <span className="gov-emblem" aria-hidden="true">
            应
          </span>
          <span className="gov-name">
            {t('tipOff.bureau')}
            <small>{t('tipOff.service')}</small>
          </span>
          <button type="button" className="public-lang" onClick={switchLanguage}>
            {t('app.language')}
          </button>
        </div>
      </header>
      <main className="public-main">
        <p className="emergency" role="note" data-testid="emergency-numbers">
          {t('tipOff.emergency')}
        </p>
        {children}
      </main>
      <footer className="public-footer">{t('tipOff.privacy')}</footer>
    </div>
  );
}

/** A file read as base64 (what the tip-off's JSON carries), without its `data:` prefix. */
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

type Form = Required<Pick<TipOffInput, 'district' | 'address' | 'title' | 'description' | 'contact'>> & {
  category: TipOffCategory | '';
  lon: string;
  lat: string;
};

/**
 * 群众举报, the public form: no account needed. First the emergency numbers — a fire is called in, not
 * reported here — then what kind of danger, where (a district and an address; the coordinates are optional),
 * what was seen, a photo if there is one, and a contact if the citizen wants an answer. What is sent goes
 * to the duty officers for review; the citizen gets a reference number to follow it.
 */
export function TipOffPage() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<Form>({
    category: '',
    district: DISTRICTS[0]!.code,
    address: '',
    lon: '',
    lat: '',
    title: '',
    description: '',
    contact: '',
  });
  const [photo, setPhoto] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ ok: true; data: WriteAnswer<typeof WRITES.tipOffs.send> } | { ok: false; message: string } | null>(null);
  const photoTooLarge = photo !== null && photo.size > TIP_OFF_PHOTO_MAX_BYTES;

  const locate = () =>
    navigator.geolocation?.getCurrentPosition((p) => setForm((f) => ({ ...f, lon: p.coords.longitude.toFixed(5), lat: p.coords.latitude.toFixed(5) })));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (photoTooLarge) return;
    setSending(true);
    const { lon, lat, category, ...rest } = form;
    const place = lon.trim() && lat.trim() ? { lon: Number(lon), lat: Number(lat) } : {};
    const sent = await api.tipOffs.send({ ...rest, ...(category ? { category } : {}), ...place, ...(photo ? { photo: await base64Of(photo) } : {}) });
    setSending(false);
    setResult(sent);
  };

  if (result?.ok)
    return (
      <PublicFrame title={t('tipOff.title')}>
        <section className="public-card receipt" data-testid="tip-off-thanks">
          <h1>{t('tipOff.thanks')}</h1>
          <p>{t('tipOff.referenceIs')}</p>
          <p className="reference" data-testid="tip-off-reference">
            {result.data.reference}
          </p>
          <p>{t('tipOff.replyBy', { date: formatDateTimeWithYear(result.data.replyDueAt, i18n.language) })}</p>
          <a className="public-button" href={`/tip-off/status?ref=${encodeURIComponent(result.data.reference)}`} data-testid="tip-off-follow">
            {t('tipOff.follow')}
          </a>
        </section>
      </PublicFrame>
    );
  return (
    <PublicFrame title={t('tipOff.title')}>
      <form className="public-card" onSubmit={submit} data-testid="tip-off">
        <h1>{t('tipOff.title')}</h1>
        <p className="lead">{t('tipOff.lead')}</p>
        <fieldset className="categories">
          <legend>{t('tipOff.categoryLabel')}</legend>
          {TIP_OFF_CATEGORIES.map((c) => (
            <label key={c} className={form.category === c ? 'chosen' : ''}>
              <input type="radio" name="category" value={c} checked={form.category === c} onChange={() => setForm({ ...form, category: c })} />
              {t(`tipOff.category.${c}`)}
            </label>
          ))}
        </fieldset>
        <div className="public-pair">
          <label>
            {t('tipOff.district')}
            <select
              name="district"
              value={form.district}
              onChange={(e) => setForm({ ...form, district: districtByCode(e.target.value)?.code ?? form.district })}
            >
              {DISTRICTS.map((d) => (
                <option key={d.code} value={d.code}>
                  {i18n.language === 'en' ? d.nameEn : d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('tipOff.address')}
            <input
              name="address"
              value={form.address}
              onChange={(e) => setForm({ ...form, address: e.target.value })}
              maxLength={200}
              placeholder={t('tipOff.addressHint')}
            />
          </label>
        </div>
        <div className="coordinates">
          <p className="coordinates-title">{t('tipOff.coordinates')}</p>
          <div className="public-pair">
            <label>
              {t('place.lon')}
              <input name="lon" inputMode="decimal" value={form.lon} onChange={(e) => setForm({ ...form, lon: e.target.value })} />
            </label>
            <label>
              {t('place.lat')}
              <input name="lat" inputMode="decimal" value={form.lat} onChange={(e) => setForm({ ...form, lat: e.target.value })} />
            </label>
            {'geolocation' in navigator && (
              <button type="button" className="public-secondary" onClick={locate}>
                {t('tipOff.useMyLocation')}
              </button>
            )}
          </div>
        </div>
        <label>
          {t('tipOff.what')}
          <input name="title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} maxLength={200} />
        </label>
        <label>
          {t('tipOff.details')}
          <textarea
            name="description"
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
            maxLength={4000}
            rows={5}
            required
          />
        </label>
        <label>
          {t('tipOff.photo')}
          <input
            type="file"
            name="photo"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
            data-testid="tip-off-photo-input"
          />
          <small className={photoTooLarge ? 'public-error' : 'hint'}>{photoTooLarge ? t('tipOff.photoTooLarge') : t('tipOff.photoHint')}</small>
        </label>
        <label>
          {t('tipOff.contact')}
          <input name="contact" value={form.contact} onChange={(e) => setForm({ ...form, contact: e.target.value })} maxLength={60} autoComplete="tel" />
          <small className="hint">{t('tipOff.contactHint')}</small>
        </label>
        {result && !result.ok && (
          <p className="public-error" role="alert">
            {result.message}
          </p>
        )}
        <button type="submit" className="public-button" disabled={sending || photoTooLarge}>
          {sending ? t('tipOff.sending') : t('tipOff.send')}
        </button>
        <p className="public-aside">
          <a href="/tip-off/status">{t('tipOff.followExisting')}</a>
        </p>
      </form>
    </PublicFrame>
  );
}
