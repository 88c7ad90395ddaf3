import { z } from 'zod';

/**
 * Who may sign in, and a wall display's device. 带班领导 leads the shift; 值班员 are the duty officers;
 * observers (other agencies, inspectors) only watch; a wall display shows the picture and touches nothing.
 */
export const ROLES = ['admin', 'leader', 'officer', 'observer', 'wall'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** The roles a person can hold; `wall` belongs to device tokens only. */
export const PERSON_ROLES = ['admin', 'leader', 'officer', 'observer'] as const satisfies readonly Role[];
export type PersonRole = (typeof PERSON_ROLES)[number];

/**
 * What an act needs. Reading the live picture is a permission too: a command centre's data is not public.
 * `operate` is every change to the picture (reports, transitions, duty); `administer` is accounts, devices
 * and the audit log.
 */
export const PERMISSIONS = ['read', 'operate', 'administer'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'operate', 'administer'],
  leader: ['read', 'operate'],
  officer: ['read', 'operate'],
  observer: ['read'],
  wall: ['read'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/**
 * Who reads the names and phones of the people responsible for a risk point. Every person who may read:
 * officers call them, and observers (inspectors, other agencies) see what the site's own 安全风险公告栏
 * posts anyway. Not a wall display: it shows a room, never a phone book, and its device may stand in a hall.
 */
export const readsContacts = (role: Role | 'system'): boolean => role !== 'wall';

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, 'a username holds letters, digits and _.-');

export const loginSchema = z.strictObject({
  username: usernameSchema,
  password: z.string().min(1).max(200),
});

/**
 * A wall display signs in with its token, never with a password: the token in the body (configuration), or,
 * with an empty body, the device cookie it was given when it was paired.
 */
export const deviceLoginSchema = z.strictObject({ token: z.string().min(8).max(200).optional() });

/** A one-time pairing code as an administrator reads it out: eight letters and digits, dashes and case free. */
export const devicePairSchema = z.strictObject({ code: z.string().trim().min(8).max(20) });

/** The HttpOnly cookie that holds a paired display's device token, sent only to the device sign-in. */
export const DEVICE_COOKIE = 'onemap_device';
export const DEVICE_COOKIE_PATH = '/api/auth/device';

/** Who a session belongs to, as `GET /api/auth/me` answers and as every change and audit entry names them. */
export const principalSchema = z.object({
  kind: z.enum(['person', 'device']),
  name: z.string(),
  displayName: z.string(),
  role: roleSchema,
  /** Signed in with a one-time password: nothing but choosing a new one is allowed until then. */
  mustChangePassword: z.boolean(),
});
export type Principal = z.infer<typeof principalSchema>;

/** A new password: long enough that guessing it online, at ten tries a minute, is hopeless. */
export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10, 'at least 10 characters').max(200),
});

/** The session cookie; HttpOnly and SameSite=Strict, Secure over HTTPS. */
export const SESSION_COOKIE = 'onemap_session';
