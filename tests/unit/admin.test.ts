import { describe, expect, it } from 'vitest';
import { removesLastAdministrator } from '../../shared/admin.ts';

describe('the last administrator', () => {
  const admin = { role: 'admin', disabled: false };
  it('cannot be disabled or demoted while alone', () => {
    expect(removesLastAdministrator(admin, 1, { disable: true })).toBe(true);
    expect(removesLastAdministrator(admin, 1, { role: 'officer' })).toBe(true);
    expect(removesLastAdministrator(admin, 1, { role: 'admin' })).toBe(false); // keeping the role removes nobody
  });
  it('may go when another administrator stays, and other accounts never count', () => {
    expect(removesLastAdministrator(admin, 2, { disable: true })).toBe(false);
    expect(removesLastAdministrator({ role: 'officer', disabled: false }, 1, { disable: true })).toBe(false);
    expect(removesLastAdministrator({ role: 'admin', disabled: true }, 1, { role: 'leader' })).toBe(false); // already not counted
  });
});
