import { z } from 'zod';
import { PERSON_ROLES, usernameSchema } from './auth.ts';
import { idSchema, instantSchema } from './records.ts';

/**
 * 账号管理 and 大屏设备: what an administrator sees of accounts and wall displays, and the changes they make.
 * Passwords and device tokens never appear here except in the one answer that hands a new one over.
 */

export const personRoleSchema = z.enum(PERSON_ROLES);

/** An account as the administrators' list shows it. */
export const accountSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: personRoleSchema,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: instantSchema,
  /** From the audit log's sign-ins; null when none is recorded. */
  lastSignInAt: instantSchema.nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountCreateSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(60),
  role: personRoleSchema,
  /** Handed to the person, who must replace it at the first sign-in; the server makes one when left out. */
  temporaryPassword: z.string().min(10).max(200).optional(),
});

export const accountPatchSchema = z
  .strictObject({ role: personRoleSchema, displayName: z.string().trim().min(1).max(60) })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'a change must change at least one field' });

/** The one answer that holds a one-time password: shown once, never stored in the clear. */
export const oneTimePasswordSchema = z.object({ username: z.string(), temporaryPassword: z.string() });

export const accountCreatedSchema = oneTimePasswordSchema.extend({ displayName: z.string(), role: personRoleSchema, mustChangePassword: z.literal(true) });

/** A wall display as the administrators' list shows it: never its token. */
export const deviceSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: instantSchema,
  revokedAt: instantSchema.nullable(),
  /** Until when a pairing code given out is good; null when none is pending. */
  pairingExpiresAt: instantSchema.nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceCreateSchema = z.strictObject({ name: z.string().trim().min(1).max(60) });
export const deviceCreatedSchema = z.object({ id: idSchema, name: z.string(), token: z.string() });
export const devicePairingSchema = z.object({ code: z.string(), expiresAt: instantSchema, path: z.string() });

/**
 * Whether disabling an account, or giving it another role, would leave no enabled administrator: the bureau
 * would be locked out of its own accounts. `enabledAdmins` counts them before the change.
 */
export function removesLastAdministrator(
  target: { role: string; disabled: boolean },
  enabledAdmins: number,
  change: { disable: true } | { role: string },
): boolean {
  if (target.role !== 'admin' || target.disabled) return false;
  const staysAdmin = 'role' in change && change.role === 'admin';
  return !staysAdmin && enabledAdmins <= 1;
}
