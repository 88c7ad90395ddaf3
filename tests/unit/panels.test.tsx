// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KpiPanel } from '../../client/charts/KpiPanel.tsx';
import { DutyPanel } from '../../client/duty/DutyPanel.tsx';
import { AlertFeed } from '../../client/fire-alerts/AlertFeed.tsx';
import { IncidentPanel } from '../../client/incidents/IncidentPanel.tsx';
import '../../client/i18n/index.ts';
import { LiveStore } from '../../client/realtime/live-store.ts';
import { LiveProvider } from '../../client/realtime/LiveProvider.tsx';
import type { Change, Snapshot } from '../../shared/changes.ts';
import type { DutyShift } from '../../shared/duty.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { Hazard } from '../../shared/hazards.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';
import { initialSyncState, receiveChanges, receiveSnapshot } from '../../shared/sync.ts';

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const now = Date.now();

const shift = (id: string, role: DutyShift['role'], person: string, status: DutyShift['status'] = 'on_post', startsIn = -HOUR): DutyShift => ({
  id,
  date: iso(now).slice(0, 10),
  startsAt: iso(now + startsIn),
  endsAt: iso(now + startsIn + 12 * HOUR),
  role,
  person,
  phone: '13907920000',
  status,
  checkedInAt: null,
  checkedOutAt: null,
  updatedAt: iso(now - HOUR),
  demo: true,
});

const alert = (id: string, district: FireAlert['district'], minutesAgo: number, description: string): FireAlert => ({
  id,
  source: 'watchtower',
  lon: 115.9,
  lat: 29.6,
  district,
  description,
  detectedAt: iso(now - minutesAgo * 60_000),
  confidence: null,
  frpMw: null,
  footprint: null,
  status: 'new',
  history: [],
  detections: [],
  escalatedAt: null,
  heatSource: null,
  updatedAt: iso(now - minutesAgo * 60_000),
  demo: true,
});

const point = (id: string, level: RiskPointSummary['level'], district: RiskPointSummary['district'], openHazards: number): RiskPointSummary => ({
  id,
  name: id,
  category: 'mine',
  level,
  lon: 115.6,
  lat: 29.6,
  district,
  openHazards,
  overdueHazards: 0,
  updatedAt: iso(now),
  demo: true,
});

const LUSHAN = '360483';
const XIUSHUI = '360424';

const hazard = (
  id: string,
  district: Hazard['district'],
  status: Hazard['status'],
  deadlineInHours: number | null,
  riskPointId: string | null = 'rp-1',
): Hazard => ({
  id,
  riskPointId,
  district,
  title: id,
  description: '',
  grade: 'general',
  source: riskPointId ? 'inspector' : 'public_tip_off',
  foundAt: iso(now - 48 * HOUR),
  status,
  notice: deadlineInHours === null ? null : { responsiblePerson: '李四', measures: '整改', deadline: iso(now + deadlineInHours * HOUR) },
  fiveElements: null,
  history: [],
  overdueSince: null,
  externalId: null,
  place: null,
  address: '',
  tipOff: null,
  updatedAt: iso(now - HOUR),
  demo: true,
});

const snapshot: Snapshot = {
  seq: 10,
  riskPoints: [point('rp-1', 'red', LUSHAN, 2), point('rp-2', 'blue', LUSHAN, 1), point('rp-3', 'yellow', XIUSHUI, 4)],
  fireAlerts: [alert('fa-old', LUSHAN, 90, '庐山旧警情'), alert('fa-xs', XIUSHUI, 30, '修水县林区冒烟')],
  duty: {
    shifts: [shift('s-officer', 'officer', '王值班'), shift('s-leader', 'leader', '李带班'), shift('s-next', 'officer', '赵接班', 'scheduled', 11 * HOUR)],
    handovers: [],
    log: [],
  },
  incidents: [],
  // the KPI counts these records, not the points' counts (which the fixture points carry as other numbers)
  hazards: [
    hazard('hz-1', LUSHAN, 'rectifying', -2),
    hazard('hz-2', LUSHAN, 'notice', 24),
    hazard('hz-3', LUSHAN, 'found', null),
    hazard('hz-4', LUSHAN, 'closed', -200),
    hazard('hz-5', XIUSHUI, 'reported', null, null),
    hazard('hz-6', XIUSHUI, 'submitted', -1, 'rp-3'),
    hazard('hz-7', XIUSHUI, 'dismissed', null, null),
  ],
  warnings: [],
};

let store: LiveStore;
const deliver = (...changes: Change[]) => act(() => store.update({ sync: receiveChanges(store.get().sync, changes) }));
const change = (seq: number, data: Change['data'], entity: Change['entity']): Change =>
  ({ seq, at: iso(now), actor: 'test', entity, op: 'upsert', data }) as Change;

beforeEach(() => {
  store = new LiveStore();
  store.update({ sync: receiveSnapshot(initialSyncState, snapshot) });
});
afterEach(cleanup);

const inDesk = (panel: React.ReactNode) => render(<LiveProvider store={store}>{panel}</LiveProvider>);

describe('the duty roster panel', () => {
  it('lists who is on duty now, leader first, and who takes over next', () => {
    inDesk(<DutyPanel />);
    const rows = screen.getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('李带班'), expect.stringContaining('王值班')]);
    expect(rows[0]!.textContent).toContain('带班领导');
    expect(within(rows[1]!).getByRole('link').getAttribute('href')).toBe('tel:13907920000');
    expect(screen.getByTestId('duty-panel').textContent).toContain('赵接班');
  });

  it('shows a status change as it arrives', () => {
    inDesk(<DutyPanel />);
    deliver(change(11, { ...snapshot.duty.shifts[0]!, status: 'away', updatedAt: iso(now) }, 'dutyShift'));
    const row = screen.getByText('王值班').closest('li')!;
    expect(row.className).toContain('status-away');
    expect(row.textContent).toContain('暂离');
  });

  it('shows a handover waiting for the next shift, and the latest log entries, as they arrive', () => {
    inDesk(<DutyPanel />);
    expect(screen.queryByTestId('handover-notice')).toBeNull();
    deliver(
      change(
        11,
        {
          id: 'ho-1',
          fromShiftId: 's-officer',
          toShiftId: 's-next',
          note: '3号火点已扑灭，留人看守',
          status: 'pending',
          writtenBy: 'officer',
          writtenAt: iso(now),
          confirmedBy: null,
          confirmedAt: null,
          demo: true,
        },
        'dutyHandover',
      ),
      change(
        12,
        { id: 'log-1', date: iso(now).slice(0, 10), at: iso(now), kind: 'call', text: '修水县来电：烧荒已处置', author: 'officer', demo: true },
        'dutyLogEntry',
      ),
    );
    expect(screen.getByTestId('handover-notice').textContent).toContain('王值班 → 赵接班');
    expect(screen.getByTestId('handover-notice').textContent).toContain('3号火点已扑灭');
    expect(screen.getByTestId('duty-log').textContent).toContain('来电');
    expect(screen.getByTestId('duty-log').textContent).toContain('修水县来电：烧荒已处置');
  });
});

describe('the alert feed', () => {
  it('lists alerts newest first with district, source and the start of the description', () => {
    inDesk(<AlertFeed />);
    const items = screen.getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-alert-id'))).toEqual(['fa-xs', 'fa-old']);
    expect(items[0]!.textContent).toContain('修水县');
    expect(items[0]!.textContent).toContain('瞭望塔');
    expect(items[0]!.textContent).toContain('修水县林区冒烟');
  });

  it('flashes only alerts that arrive after the first picture, and opens one on click', () => {
    inDesk(<AlertFeed />);
    deliver(change(11, alert('fa-new', LUSHAN, 0, '庐山新警情'), 'fireAlert'));
    const fresh = document.querySelector('[data-alert-id="fa-new"]')!;
    expect(fresh.className).toContain('flash-new');
    expect(document.querySelector('[data-alert-id="fa-old"]')!.className).not.toContain('flash-new');
    fireEvent.click(fresh);
    expect(store.get().selected).toEqual({ kind: 'fireAlert', id: 'fa-new' });
    expect(store.get().focus).toMatchObject({ lon: 115.9, lat: 29.6 });
  });

  it('follows the district filter', () => {
    inDesk(<AlertFeed />);
    act(() => store.update({ district: XIUSHUI }));
    expect(screen.getAllByRole('listitem').map((i) => i.getAttribute('data-alert-id'))).toEqual(['fa-xs']);
  });
});

describe('the information reports panel', () => {
  it('lists open incidents with the report due next, flagged when late', async () => {
    inDesk(<IncidentPanel />);
    deliver(
      change(
        11,
        {
          id: 'inc-late',
          title: '修水县森林火灾',
          type: 'forest_grassland_fire',
          district: XIUSHUI,
          lon: 114.5,
          lat: 29.0,
          occurredAt: iso(now - 45 * 60_000),
          receivedAt: iso(now - 45 * 60_000),
          address: '',
          channel: 'phone',
          casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
          description: '',
          fireAlertId: null,
          reports: [],
          openedBy: 'o',
          updatedAt: iso(now),
          demo: true,
        },
        'incident',
      ),
      change(
        12,
        {
          id: 'inc-ok',
          title: '庐山市化工泄漏',
          type: 'hazardous_chemicals',
          district: LUSHAN,
          lon: 115.9,
          lat: 29.6,
          occurredAt: iso(now - 5 * 60_000),
          receivedAt: iso(now - 5 * 60_000),
          address: '',
          channel: 'phone',
          casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
          description: '',
          fireAlertId: null,
          reports: [],
          openedBy: 'o',
          updatedAt: iso(now),
          demo: true,
        },
        'incident',
      ),
    );
    const late = await screen.findByText('修水县森林火灾');
    expect(late.closest('li')!.className).toContain('overdue');
    expect(late.closest('li')!.textContent).toContain('首报');
    expect(late.closest('li')!.textContent).toContain('已超时');
    expect(screen.getByText('庐山市化工泄漏').closest('li')!.className).not.toContain('overdue');
  });
});

describe('the situation figures', () => {
  const figure = (label: string) => screen.getByText(label).closest('.figure')!.querySelector('strong')!.textContent;

  it('counts risk points, open hazards and active fires, live and per district', () => {
    inDesk(<KpiPanel />);
    expect(figure('风险点')).toBe('3');
    expect(figure('未销号隐患')).toBe('5');
    expect(figure('逾期隐患')).toBe('2');
    expect(figure('在办火情')).toBe('2');
    expect(figure('在岗人员')).toBe('2');

    deliver(change(11, point('rp-4', 'orange', XIUSHUI, 10), 'riskPoint'));
    expect(figure('风险点')).toBe('4');
    expect(figure('未销号隐患')).toBe('5'); // a point's own count is not a hazard record
    deliver(change(12, hazard('hz-8', XIUSHUI, 'found', null, 'rp-4'), 'hazard'), change(13, hazard('hz-1', LUSHAN, 'closed', -2), 'hazard'));
    expect(figure('未销号隐患')).toBe('5');
    expect(figure('逾期隐患')).toBe('1');

    act(() => store.update({ district: LUSHAN }));
    expect(figure('风险点')).toBe('2');
    expect(figure('未销号隐患')).toBe('2');
    expect(figure('逾期隐患')).toBe('0');
    expect(figure('在办火情')).toBe('1');
  });
});
