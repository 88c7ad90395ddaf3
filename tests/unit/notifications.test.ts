import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/changes.ts';
import type { DutyShift } from '../../shared/duty.ts';
import { loadConfig } from '../../server/config.ts';
import { districtStream } from '../../server/realtime/district-stream.ts';
import { feedRoom, filterOfRoom } from '../../server/realtime/rooms.ts';
import { chooseRecipients, type LeaderAccount, type Notification, retryDelayMs, ringingFor } from '../../shared/notifications.ts';

const NOW = new Date('2026-11-23T04:00:00.000Z');
const HOUR = 3600_000;
const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

const shift = (person: string, over: Partial<DutyShift> = {}): DutyShift => ({
  id: `s-${person}`,
  date: '2026-11-23',
  startsAt: iso(-2 * HOUR),
  endsAt: iso(6 * HOUR),
  role: 'leader',
  person,
  phone: '13907920001',
  status: 'on_post',
  checkedInAt: null,
  checkedOutAt: null,
  updatedAt: iso(-2 * HOUR),
  demo: false,
  ...over,
});
const account = (username: string, displayName: string, disabled = false): LeaderAccount => ({ username, displayName, disabled });

describe('who an escalation goes to', () => {
  const accounts = [account('wang', '王建国'), account('li', '李卫东'), account('zhao', '赵明', true)];

  it('is the 带班领导 on the roster now, matched to a leader account by display name, with the roster phone', () => {
    const { rule, recipients } = chooseRecipients([shift('王建国'), shift('李卫东', { role: 'officer' })], accounts, NOW);
    expect(rule).toBe('on_duty');
    expect(recipients).toEqual([{ username: 'wang', displayName: '王建国', phone: '13907920001', shiftId: 's-王建国' }]);
  });

  it('counts a scheduled shift that covers now, not one handed over, missed, ended or not begun', () => {
    expect(chooseRecipients([shift('王建国', { status: 'scheduled' })], accounts, NOW).rule).toBe('on_duty');
    for (const gone of [
      { status: 'handed_over' as const },
      { status: 'absent' as const },
      { endsAt: iso(-1) },
      { startsAt: iso(HOUR), status: 'scheduled' as const },
    ])
      expect(chooseRecipients([shift('王建国', gone)], accounts, NOW).rule).toBe('all_leaders');
  });

  it('matches names as written, spaces around them aside, and never a disabled account', () => {
    expect(chooseRecipients([shift(' 王建国 ')], accounts, NOW).recipients.map((r) => r.username)).toEqual(['wang']);
    const disabledOnly = chooseRecipients([shift('赵明')], accounts, NOW);
    expect(disabledOnly.rule).toBe('all_leaders');
    expect(disabledOnly.recipients.map((r) => r.username)).toEqual(['wang', 'li']);
  });

  it('falls back to every enabled leader account when nobody on the roster has one, and says so', () => {
    const { rule, recipients } = chooseRecipients([shift('周某某')], accounts, NOW);
    expect(rule).toBe('all_leaders');
    expect(recipients).toEqual([
      { username: 'wang', displayName: '王建国', phone: null, shiftId: null },
      { username: 'li', displayName: '李卫东', phone: null, shiftId: null },
    ]);
    // a leader chosen this way still gets the phone the roster holds for that name (a later shift)
    const later = chooseRecipients([shift('李卫东', { startsAt: iso(8 * HOUR), endsAt: iso(16 * HOUR), phone: '13907920009' })], accounts, NOW);
    expect(later.recipients.find((r) => r.username === 'li')?.phone).toBe('13907920009');
  });

  it('tells two leaders on duty at once, each once', () => {
    const { recipients } = chooseRecipients([shift('王建国'), shift('李卫东'), shift('王建国', { id: 's-2' })], accounts, NOW);
    expect(recipients.map((r) => r.username)).toEqual(['wang', 'li']);
  });

  it('goes to nobody only when there is no enabled leader account at all', () => {
    expect(chooseRecipients([shift('王建国')], [], NOW)).toEqual({ rule: 'all_leaders', recipients: [] });
  });
});

describe('retries of an outbound send', () => {
  const rule = { attempts: 5, baseMs: 5000, maxMs: 60_000 };

  it('waits the base after the first failure, doubling after each, and stops after the last attempt', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, rule))).toEqual([5000, 10_000, 20_000, 40_000, null]);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(9, { attempts: 20, baseMs: 5000, maxMs: 60_000 })).toBe(60_000);
  });

  it('tries once only when one attempt is allowed', () => {
    expect(retryDelayMs(1, { ...rule, attempts: 1 })).toBeNull();
  });
});

describe('what rings on a desk', () => {
  const delivery = (recipient: string, channel: 'screen' | 'webhook', state: 'pending' | 'delivered' | 'read') => ({
    id: `d-${recipient}-${channel}`,
    recipient,
    channel,
    state,
    attempts: 0,
    lastError: null,
    lastAttemptAt: null,
    nextAttemptAt: null,
    deliveredAt: null,
    readAt: null,
    updatedAt: iso(0),
  });
  const notification = (id: string, deliveries: ReturnType<typeof delivery>[]) => ({ id, deliveries }) as unknown as Notification;

  it('is each notification whose screen delivery to this person is not read yet', () => {
    const list = [
      notification('a', [delivery('wang', 'screen', 'pending'), delivery('wang', 'webhook', 'delivered')]),
      notification('b', [delivery('wang', 'screen', 'read')]),
      notification('c', [delivery('wang', 'screen', 'delivered'), delivery('li', 'screen', 'pending')]),
      notification('d', [delivery('wang', 'webhook', 'pending')]),
    ];
    expect(ringingFor(list, 'wang').map((n) => n.id)).toEqual(['a', 'c']);
    expect(ringingFor(list, 'li').map((n) => n.id)).toEqual(['c']);
    expect(ringingFor(list, 'zhao')).toEqual([]);
  });
});

describe('what a watching screen is streamed', () => {
  const change = (seq: number, entity: 'fireAlert' | 'notification', district?: string) =>
    ({ seq, at: iso(0), actor: 'x', entity, op: 'upsert', data: { id: `r${seq}`, ...(district ? { district } : {}) } }) as unknown as Change;
  const batch = [change(1, 'fireAlert', '360402'), change(2, 'notification'), change(3, 'fireAlert', '360403'), change(4, 'notification')];

  it('leaves out notifications for a wall or an observer and says what came before each change', () => {
    const stream = districtStream(batch, [], 0, true);
    expect(stream.map((c) => [c.seq, c.prevSeq])).toEqual([
      [1, 0],
      [3, 1],
    ]);
    expect(districtStream(batch, ['360403'], 0, true).map((c) => c.seq)).toEqual([3]);
    // a desk of someone who acts gets them, in its districts' stream too
    expect(districtStream(batch, ['360403'], 0).map((c) => c.seq)).toEqual([2, 3, 4]);
  });

  it('gives watching screens rooms of their own, whole city or districts', () => {
    expect(filterOfRoom(feedRoom([]))).toBeNull(); // the unfiltered stream of those who act
    expect(filterOfRoom(feedRoom([], true))).toEqual({ districts: [], watching: true });
    expect(filterOfRoom(feedRoom(['360403', '360402'], true))).toEqual({ districts: ['360402', '360403'], watching: true });
    expect(filterOfRoom(feedRoom(['360402']))).toEqual({ districts: ['360402'], watching: false });
    expect(filterOfRoom('session:abc')).toBeNull();
  });
});

describe('the outbound channels’ settings', () => {
  it('are read at start-up, and a gateway without its token or a secret without its webhook is refused', () => {
    const config = loadConfig({ NOTIFY_WEBHOOK_URL: 'https://hooks.example.gov.cn/onemap', NOTIFY_WEBHOOK_SECRET: 's3cret', NOTIFY_RETRY_MS: '1000' });
    expect(config.notify).toMatchObject({
      webhook: { url: 'https://hooks.example.gov.cn/onemap', secret: 's3cret' },
      sms: null,
      retry: { attempts: 5, baseMs: 1000 },
    });
    expect(loadConfig({}).notify).toMatchObject({ webhook: null, sms: null, timeoutMs: 5000 });
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'https://sms.example.gov.cn/send' })).toThrow(/SMS_GATEWAY_TOKEN/);
    expect(() => loadConfig({ NOTIFY_WEBHOOK_SECRET: 's3cret' })).toThrow(/NOTIFY_WEBHOOK_SECRET/);
    expect(() => loadConfig({ NOTIFY_WEBHOOK_URL: 'ftp://example.gov.cn' })).toThrow(/NOTIFY_WEBHOOK_URL/);
    expect(() => loadConfig({ NOTIFY_ATTEMPTS: '0' })).toThrow(/NOTIFY_ATTEMPTS/);
  });
});
