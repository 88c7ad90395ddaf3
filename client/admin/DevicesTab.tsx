import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { type Device, deviceSchema } from '../../shared/admin.ts';
import { api } from '../api/write.ts';
import { formatDateTimeWithYear, formatTime } from '../i18n/format.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { OneTime } from './AccountsTab.tsx';

const pageSchema = z.object({ items: z.array(deviceSchema) });

/** 大屏设备: the wall displays, registered, paired with a one-time code read off this screen, or revoked. */
export function DevicesTab() {
  const { t, i18n } = useTranslation();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<{ name: string; token: string } | null>(null);
  const [pairing, setPairing] = useState<{ name: string; code: string; expiresAt: string; path: string } | null>(null);

  const reload = useCallback(() => {
    fetch('/api/devices')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((body) => setDevices(pageSchema.parse(body).items))
      .catch(() => setError(t('drawer.unavailable')));
  }, [t]);
  useEffect(reload, [reload]);

  const register = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await api.devices.register({ name });
    setError(sent.ok ? null : sent.message);
    if (sent.ok) {
      setToken({ name: sent.data.name, token: sent.data.token });
      setPairing(null);
      setName('');
    }
    reload();
  };
  const pair = async (device: Device) => {
    const sent = await api.devices.startPairing({ id: device.id });
    setError(sent.ok ? null : sent.message);
    if (sent.ok) {
      setPairing({ name: device.name, ...sent.data });
      setToken(null);
    }
    reload();
  };

  return (
    <div data-testid="devices-tab">
      <form className="admin-form" onSubmit={register} data-testid="device-form">
        <label>
          {t('admin.deviceName')}
          <input name="deviceName" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
        </label>
        <button type="submit" className="primary">
          {t('admin.register')}
        </button>
      </form>
      {error && (
        <p className="sign-in-error" role="alert" data-testid="admin-error">
          {error}
        </p>
      )}
      {token && <OneTime label={t('admin.token', { name: token.name })} secret={token.token} />}
      {pairing && (
        <div className="pairing-code" data-testid="pairing-code" role="status">
          <span>{t('admin.pairingCode', { name: pairing.name })}</span>
          <strong data-testid="pairing-code-value">{pairing.code}</strong>
          <span>{t('admin.pairingExpires', { time: formatTime(pairing.expiresAt, i18n.language).slice(0, 5) })}</span>
          <small>{t('admin.pairingHint', { path: `${window.location.origin}${pairing.path}` })}</small>
        </div>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.deviceName')}</th>
            <th>{t('admin.registered')}</th>
            <th>{t('admin.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(devices ?? []).map((d) => (
            <tr key={d.id} data-device-id={d.id} data-device-name={d.name} className={d.revokedAt ? 'disabled' : undefined}>
              <td>{d.name}</td>
              <td>{formatDateTimeWithYear(d.createdAt, i18n.language)}</td>
              <td>
                {d.revokedAt
                  ? `${t('admin.revoked')} ${formatDateTimeWithYear(d.revokedAt, i18n.language)}`
                  : d.pairingExpiresAt
                    ? t('admin.pairingPending', { time: formatTime(d.pairingExpiresAt, i18n.language).slice(0, 5) })
                    : t('admin.active')}
              </td>
              <td className="admin-actions">
                {!d.revokedAt && (
                  <>
                    <button data-testid="start-pairing" onClick={() => pair(d)}>
                      {t('admin.pairing')}
                    </button>
                    <ConfirmButton
                      label={t('admin.revoke')}
                      ask={t('admin.askRevoke', { name: d.name })}
                      onConfirm={async () => {
                        const sent = await api.devices.revoke({ id: d.id });
                        setError(sent.ok ? null : sent.message);
                        reload();
                      }}
                    />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
