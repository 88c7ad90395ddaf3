import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { type DutyHandoverListed, dutyHandoverListedSchema } from '../../shared/duty.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';

const SHOWN = 5;
const pageSchema = z.object({ items: z.array(dutyHandoverListedSchema) });

/**
 * 交接班记录: the latest handovers with who wrote and who confirmed them, and when. Read from the server, not
 * the live roster: a confirmed handover stays in view after its shifts have left the live window.
 */
export function HandoverList() {
  const { t, i18n } = useTranslation();
  const live = useLive((v) => v.sync.live?.dutyHandovers);
  const [items, setItems] = useState<DutyHandoverListed[]>([]);
  useEffect(() => {
    let current = true;
    fetch(`/api/duty/handovers?limit=${SHOWN}`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((body) => current && setItems(pageSchema.parse(body).items))
      .catch(() => undefined); // the list keeps what it showed; the live notice above still works
    return () => {
      current = false;
    };
  }, [live]);
  const who = (s: DutyHandoverListed['from']) => (s ? `${t(`role.${s.role}`)} ${s.person}` : '—');
  return (
    <div className="handover-list" data-testid="handover-list">
      <h3>{t('handoverList.title')}</h3>
      {items.length === 0 && <p className="empty">{t('handoverList.none')}</p>}
      <ol>
        {items.map((h) => (
          <li key={h.id} className={`handover-${h.status}`} data-handover-id={h.id}>
            <strong>
              {who(h.from)} → {h.to?.person ?? '—'}
            </strong>{' '}
            {h.demo && <span className="demo-tag">{t('demo.badge')}</span>}
            <small>
              {t('handoverList.writtenBy', { name: h.writtenBy, time: formatDateTime(h.writtenAt, i18n.language) })}
              {' · '}
              {h.confirmedBy && h.confirmedAt
                ? t('handoverList.confirmedBy', { name: h.confirmedBy, time: formatDateTime(h.confirmedAt, i18n.language) })
                : t('handoverList.pending')}
            </small>
            <p>{h.note}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
