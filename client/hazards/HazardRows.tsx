import { useTranslation } from 'react-i18next';
import { type Hazard, isHazardOverdue } from '../../shared/hazards.ts';
import { formatDateTime } from '../i18n/format.ts';

/**
 * Hazards as table rows: title (tagged when simulated), grade, status, deadline, and a red tag when overdue.
 * Given `onOpen`, a row opens its hazard (by click, or Enter on the focused row).
 */
export function HazardRows({
  hazards,
  now,
  onOpen,
  openId,
}: {
  hazards: readonly Hazard[];
  now: number;
  onOpen?: (id: string) => void;
  openId?: string | null;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {hazards.map((h) => {
        const overdue = isHazardOverdue(h, new Date(now));
        return (
          <tr
            key={h.id}
            data-hazard-id={h.id}
            className={[overdue ? 'overdue' : '', onOpen ? 'opens' : '', openId === h.id ? 'open' : ''].join(' ').trim()}
            {...(onOpen ? { onClick: () => onOpen(h.id), onKeyDown: (e: React.KeyboardEvent) => e.key === 'Enter' && onOpen(h.id), tabIndex: 0 } : {})}
          >
            <td>
              {h.title} {h.demo && <span className="demo-tag">{t('demo.badge')}</span>}
            </td>
            <td>{t(`hazard.grade.${h.grade}`)}</td>
            <td>{t(`hazard.status.${h.status}`)}</td>
            <td>{h.notice ? formatDateTime(h.notice.deadline, i18n.language) : '—'}</td>
            <td>{overdue && <span className="escalated-tag">{t('hazard.overdue')}</span>}</td>
          </tr>
        );
      })}
    </>
  );
}
