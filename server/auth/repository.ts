import type { Kysely } from 'kysely';
import type { Principal } from '../../shared/auth.ts';
import type { AccountsTable, Database, DevicesTable, SessionsTable } from '../db/schema.ts';

export async function findAccount(db: Kysely<Database>, username: string): Promise<AccountsTable | undefined> {
  return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function setPassword(db: Kysely<Database>, username: string, passwordHash: string): Promise<void> {
  await db.updateTable('accounts').set({ passwordHash, mustChangePassword: 0 }).where('username', '=', username).execute();
}

export async function insertAccount(db: Kysely<Database>, account: AccountsTable): Promise<void> {
  await db.insertInto('accounts').values(account).execute();
}

export async function findDeviceByToken(db: Kysely<Database>, hash: string): Promise<DevicesTable | undefined> {
  return db.selectFrom('devices').selectAll().where('tokenHash', '=', hash).executeTakeFirst();
}

export async function insertDevice(db: Kysely<Database>, device: DevicesTable): Promise<void> {
  await db.insertInto('devices').values(device).execute();
}

export async function insertSession(db: Kysely<Database>, session: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of an account but one; says which ended. */
export async function deleteOtherSessions(db: Kysely<Database>, accountId: string, keep: string): Promise<string[]> {
  const others = db.selectFrom('sessions').select('id').where('accountId', '=', accountId).where('id', '!=', keep);
  const ended = (await others.execute()).map((s) => s.id);
  await db.deleteFrom('sessions').where('accountId', '=', accountId).where('id', '!=', keep).execute();
  return ended;
}

/** The person or device a live session belongs to, and when it expires; undefined when expired, disabled or revoked. */
export async function sessionPrincipal(db: Kysely<Database>, id: string, now: string): Promise<{ principal: Principal; expiresAt: string } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .leftJoin('accounts', 'accounts.id', 'sessions.accountId')
    .leftJoin('devices', 'devices.id', 'sessions.deviceId')
    .select([
      'sessions.expiresAt',
      'accounts.username',
      'accounts.displayName',
      'accounts.role',
      'accounts.disabled',
      'accounts.mustChangePassword',
      'devices.name as deviceName',
      'devices.revokedAt',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.expiresAt <= now) return undefined;
  const { expiresAt } = row;
  if (row.username && row.role && row.disabled === 0)
    return {
      expiresAt,
      principal: {
        kind: 'person',
        name: row.username,
        displayName: row.displayName ?? row.username,
        role: row.role,
        mustChangePassword: row.mustChangePassword === 1,
      },
    };
  if (row.deviceName && row.revokedAt === null)
    return { expiresAt, principal: { kind: 'device', name: `device:${row.deviceName}`, displayName: row.deviceName, role: 'wall', mustChangePassword: false } };
  return undefined;
}
