import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { districtByCode } from '../../shared/districts.ts';
import { HAZARD_GRADES, HAZARD_STATUSES, isHazardOpen, isHazardOverdue } from '../../shared/hazards.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { can } from '../../shared/auth.ts';
import { useNow } from '../ui/useNow.ts';
import { HazardDetail } from './HazardDetail.tsx';
import { HazardRows } from './HazardRows.tsx';
import { ReportHazardForm } from './ReportHazard.tsx';
import './hazard-desk.css';

interface Filters {
  status: string;
  grade: string;
  /** Only those the open-hazard figure counts (neither closed nor dismissed). */
  open: boolean;
  overdue: boolean;
}

/**
 * 隐患台账: every hazard on screen, filtered by the chosen district and these filters, and exportable as they
 * stand. A row opens the hazard beside the table, with its history and its next steps; 上报隐患 files a new
 * one at a place on the map (the ledger steps aside while the place is picked).
 */
export function HazardLedger({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const hazards = useLive((v) => v.sync.live?.hazards);
  const role = useLive((v) => v.principal?.role);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reporting, setReporting] = useState(false);
  const opened = openId ? hazards?.get(openId) : undefined;
  const district = useLive((v) => v.district);
  const now = useNow(60_000);
  const [filters, setFilters] = useState<Filters>({ status: '', grade: '', open: false, overdue: false });
  const rows = useMemo(
    () =>
      [...(hazards?.values() ?? [])]
        .filter(
          (h) =>
            (district === null || h.district === district) && (!filters.status || h.status === filters.status) && (!filters.grade || h.grade === filters.grade),
        )
        .filter((h) => (!filters.open || isHazardOpen(h.status)) && (!filters.overdue || isHazardOverdue(h, new Date(now))))
        .sort((a, b) => (a.foundAt < b.foundAt ? 1 : -1)),
    [hazards, district, filters, now],
  );
  const query = new URLSearchParams({
    ...(district ? { district } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.grade ? { grade: filters.grade } : {}),
    ...(filters.open ? { open: 'true' } : {}),
    ...(filters.overdue ? { overdue: 'true' } : {}),
  });
  const exportUrl = (format: 'csv' | 'xlsx') => `/api/hazards?${new URLSearchParams([...query, ['format', format]])}`;
  const d = district ? districtByCode(district) : undefined;

  return (
    <div className="ledger gives-way-to-map" data-testid="hazard-ledger" role="dialog">
      <header>
        <h2>
          {t('hazard.ledger')} {d && `· ${i18n.language === 'en' ? d.nameEn : d.name}`} <small>{t('hazard.count', { count: rows.length })}</small>
        </h2>
        <select aria-label={t('hazard.filterStatus')} value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value })}>
          <option value="">{t('hazard.allStatuses')}</option>
          {HAZARD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`hazard.status.${s}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('hazard.filterGrade')} value={filters.grade} onChange={(e) => setFilters({ ...filters, grade: e.target.value })}>
          <option value="">{t('hazard.allGrades')}</option>
          {HAZARD_GRADES.map((g) => (
            <option key={g} value={g}>
              {t(`hazard.grade.${g}`)}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={filters.open} onChange={(e) => setFilters({ ...filters, open: e.target.checked })} /> {t('hazard.openOnly')}
        </label>
        <label>
          <input type="checkbox" checked={filters.overdue} onChange={(e) => setFilters({ ...filters, overdue: e.target.checked })} /> {t('hazard.overdueOnly')}
        </label>
        <a href={exportUrl('csv')} download>
          CSV
        </a>
        <a href={exportUrl('xlsx')} download>
          Excel
        </a>
        <button onClick={onClose} aria-label={t('drawer.close')}>
          ✕
        </button>
      </header>
      {role && can(role, 'operate') && (
        <div className="ledger-tools">
          {reporting ? (
            <ReportHazardForm
              onDone={(hazard) => {
                setReporting(false);
                if (hazard) setOpenId(hazard.id);
              }}
            />
          ) : (
            <button type="button" data-testid="report-hazard-at-place" onClick={() => setReporting(true)}>
              {t('hazard.report')}
            </button>
          )}
        </div>
      )}
      <div className={`ledger-split${opened ? ' with-detail' : ''}`}>
        <div className="ledger-body">
          <table>
            <thead>
              <tr>
                <th>{t('hazard.title')}</th>
                <th>{t('hazard.gradeLabel')}</th>
                <th>{t('hazard.statusLabel')}</th>
                <th>{t('hazard.deadline')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <HazardRows hazards={rows} now={now} onOpen={setOpenId} openId={openId} />
            </tbody>
          </table>
        </div>
        {opened && <HazardDetail key={opened.id} hazard={opened} onClose={() => setOpenId(null)} />}
      </div>
    </div>
  );
}
