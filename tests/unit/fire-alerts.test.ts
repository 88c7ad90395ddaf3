import { describe, expect, it } from 'vitest';
import { allowedNextStatuses, canTransition, FIRE_ALERT_STATUSES, isActiveFireAlert } from '../../shared/fire-alerts.ts';

const LEGAL = new Set([
  'new>acknowledged',
  'acknowledged>verifying',
  'verifying>confirmed',
  'verifying>false_alarm',
  'confirmed>responding',
  'false_alarm>closed',
  'responding>extinguished',
  'extinguished>closed',
]);

describe('fire alert lifecycle', () => {
  for (const from of FIRE_ALERT_STATUSES)
    for (const to of FIRE_ALERT_STATUSES) {
      const legal = LEGAL.has(`${from}>${to}`);
      it(`${from} → ${to} is ${legal ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(legal);
        expect(allowedNextStatuses(from).includes(to)).toBe(legal);
      });
    }

  it('counts alerts as active until the fire is out or dismissed', () => {
    expect(FIRE_ALERT_STATUSES.filter(isActiveFireAlert)).toEqual(['new', 'acknowledged', 'verifying', 'confirmed', 'responding']);
  });
});
