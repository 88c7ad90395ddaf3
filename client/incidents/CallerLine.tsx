import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentRecord } from '../../shared/incidents.ts';

/**
 * 报告人 and 回拨电话 of an incident, read from its record: the live feed leaves them out (walls receive it
 * too), so a person's screen asks for them, as the drawer does for a risk point's contacts.
 */
export function CallerLine({ id }: { id: string }) {
  const { t } = useTranslation();
  const [caller, setCaller] = useState<Pick<IncidentRecord, 'reporterName' | 'callbackPhone'> | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(`/api/incidents/${encodeURIComponent(id)}`)
      .then((res) => (res.ok ? (res.json() as Promise<IncidentRecord>) : null))
      .then((record) => live && record && setCaller({ reporterName: record.reporterName, callbackPhone: record.callbackPhone }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  if (!caller || (!caller.reporterName && !caller.callbackPhone)) return null;
  return (
    <div className="incident-line incident-meta" data-testid="incident-caller">
      <span>
        {t('incidentWork.reporterName')} {caller.reporterName}
      </span>
      {caller.callbackPhone && (
        <span>
          {t('incidentWork.callbackPhone')} <a href={`tel:${caller.callbackPhone.replace(/[\s-]/g, '')}`}>{caller.callbackPhone}</a>
        </span>
      )}
    </div>
  );
}
