import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRICTS, districtByCode } from '../../shared/districts.ts';
import type { WriteBody, WRITES } from '../../shared/api.ts';
import { api } from '../api/write.ts';
import { switchLanguage } from '../i18n/index.ts';

/** 群众举报: the public form, no account needed. What is sent goes to the duty officers for review. */
export function TipOffPage() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<WriteBody<typeof WRITES.tipOffs.send>>({ district: DISTRICTS[0]!.code, title: '', description: '', contact: '' });
  const [result, setResult] = useState<{ ok: true } | { ok: false; message: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(await api.tipOffs.send(form));
  };
  if (result?.ok)
    return (
      <div className="sign-in">
        <div className="sign-in-card" data-testid="tip-off-thanks">
          <h1>{t('tipOff.thanks')}</h1>
        </div>
      </div>
    );
  return (
    <div className="sign-in">
      <form className="sign-in-card" onSubmit={submit} data-testid="tip-off">
        <h1>{t('tipOff.title')}</h1>
        <label>
          {t('tipOff.district')}
          <select value={form.district} onChange={(e) => setForm({ ...form, district: districtByCode(e.target.value)?.code ?? form.district })}>
            {DISTRICTS.map((d) => (
              <option key={d.code} value={d.code}>
                {i18n.language === 'en' ? d.nameEn : d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tipOff.what')}
          <input name="title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} maxLength={200} required />
        </label>
        <label>
          {t('tipOff.details')}
          <textarea
            name="description"
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
            maxLength={4000}
            rows={4}
            required
          />
        </label>
        <label>
          {t('tipOff.contact')}
          <input name="contact" value={form.contact} onChange={(e) => setForm({ ...form, contact: e.target.value })} maxLength={60} />
        </label>
        {result && !result.ok && (
          <p className="sign-in-error" role="alert">
            {result.message}
          </p>
        )}
        <button type="submit">{t('tipOff.send')}</button>
        <button type="button" className="lang" onClick={switchLanguage}>
          {t('app.language')}
        </button>
      </form>
    </div>
  );
}
