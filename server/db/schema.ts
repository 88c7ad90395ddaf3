import type { PersonRole, Role } from '../../shared/auth.ts';
import type { ConsultEvent } from '../../shared/consult.ts';
import type { DutyHandover, DutyLogEntry, DutyShift } from '../../shared/duty.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import type { Hazard } from '../../shared/hazards.ts';
import type { Incident } from '../../shared/incidents.ts';
import type { RiskPoint } from '../../shared/risk-points.ts';
import type { RiskAssessmentsTable, RiskPointStepsTable } from '../risk-points/tables.ts';
import type { NotificationDeliveriesTable, NotificationsTable } from '../notifications/tables.ts';

/**
 * Table shapes as Kysely sees them (camelCase here, snake_case in the database via CamelCasePlugin). Columns
 * that hold a domain's enum carry its type: a row read back needs no cast to become the record (the values
 * written are the schemas' own).
 */
export interface RiskPointsTable {
  id: string;
  name: string;
  category: RiskPoint['category'];
  level: RiskPoint['level'];
  lon: number;
  lat: number;
  district: RiskPoint['district'];
  address: string;
  responsibleUnit: string;
  responsiblePerson: string;
  responsiblePhone: string;
  openHazards: number;
  overdueHazards: number;
  externalId: string | null;
  updatedAt: string;
  /** 0/1 on both databases so one mapping serves both. */
  demo: number;
}

export interface FireAlertsTable {
  id: string;
  source: FireAlert['source'];
  lon: number;
  lat: number;
  district: FireAlert['district'];
  description: string;
  detectedAt: string;
  confidence: number | null;
  frpMw: number | null;
  /** The satellite pixel, both or neither. */
  scanKm: number | null;
  trackKm: number | null;
  status: FireAlert['status'];
  /** JSON array of steps. */
  history: string;
  /** JSON array of merged satellite detections. */
  detections: string;
  escalatedAt: string | null;
  heatSource: string | null;
  updatedAt: string;
  demo: number;
}

export interface AccountsTable {
  id: string;
  username: string;
  displayName: string;
  role: PersonRole;
  /** argon2id, with its parameters and salt. */
  passwordHash: string;
  disabled: number;
  /** 1 while the password is the one-time one printed at the first run. */
  mustChangePassword: number;
  createdAt: string;
}

/** Wall displays: a named, revocable token (only its hash is kept). */
export interface DevicesTable {
  id: string;
  name: string;
  tokenHash: string;
  revokedAt: string | null;
  createdAt: string;
  /** A pending one-time pairing code's hash, and until when it may be used. */
  pairingCodeHash: string | null;
  pairingExpiresAt: string | null;
}

/** A signed-in browser: `id` is the hash of the cookie's token; one of account or device is set. */
export interface SessionsTable {
  id: string;
  accountId: string | null;
  deviceId: string | null;
  createdAt: string;
  expiresAt: string;
}

/** Append-only: one row per write, never updated or deleted through the application. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  role: Role | 'system';
  action: string;
  entity: string;
  entityId: string | null;
  /** JSON of the record before and after, null where it did not exist. */
  before: string | null;
  after: string | null;
}

export interface DutyHandoversTable {
  id: string;
  fromShiftId: string;
  toShiftId: string;
  note: string;
  status: DutyHandover['status'];
  writtenBy: string;
  writtenAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  demo: number;
}

/** CAP warnings: the whole record as JSON, with the columns the queries need beside it. */
export interface WarningsTable {
  id: string;
  identifier: string;
  sender: string;
  status: string;
  supersededBy: string | null;
  record: string;
  importedAt: string;
}

export interface HazardsTable {
  id: string;
  riskPointId: string | null;
  district: Hazard['district'];
  title: string;
  description: string;
  grade: Hazard['grade'];
  source: Hazard['source'];
  foundAt: string;
  status: Hazard['status'];
  /** JSON of the rectification notice and of the five elements, when given. */
  notice: string | null;
  fiveElements: string | null;
  history: string;
  /** The notice's deadline, as a column so overdue hazards are found by a query. */
  deadline: string | null;
  overdueSince: string | null;
  externalId: string | null;
  /** Where it was seen, both or neither (a hazard on a risk point is at its point). */
  lon: number | null;
  lat: number | null;
  address: string;
  /** JSON of its tip-off's public facts, for a hazard told by the public. */
  tipOff: string | null;
  updatedAt: string;
  demo: number;
}

/** A tip-off's private part: the reporter's contact and the photo, read only by reviewers, never in a change. */
export interface TipOffsTable {
  hazardId: string;
  /** JB-YYYYMMDD-NNNN, what the citizen quotes. */
  reference: string;
  /** Empty when the reporter gave none. */
  contact: string;
  /** Base64 of the photo, and its media type as its first bytes say. */
  photo: string | null;
  photoType: string | null;
  receivedAt: string;
  demo: number;
}

/** A roster subscription for calendar apps, which cannot sign in: a revocable token (only its hash is kept). */
export interface CalendarFeedsTable {
  id: string;
  /** The person whose shifts it lists; null for the whole bureau. */
  person: string | null;
  tokenHash: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A consultation session: a room from the first participant joining to the last leaving. */
export interface ConsultSessionsTable {
  id: string;
  room: string;
  incidentId: string | null;
  openedAt: string;
  closedAt: string | null;
}

/** What happened in a session, numbered in order: joins, leaves, hand-overs of control, annotations. */
export interface ConsultEventsTable {
  sessionId: string;
  n: number;
  at: string;
  kind: ConsultEvent['kind'];
  actor: string;
  /** JSON: for an annotation, the annotation itself. */
  detail: string;
}

export interface IncidentsTable {
  id: string;
  title: string;
  type: Incident['type'];
  district: Incident['district'];
  /** Null when only the district and address were told. */
  lon: number | null;
  lat: number | null;
  address: string;
  occurredAt: string;
  receivedAt: string;
  channel: Incident['channel'];
  /** JSON of the four counts. */
  casualties: string;
  reporterName: string;
  callbackPhone: string;
  description: string;
  fireAlertId: string | null;
  /** JSON array of reports, oldest first. */
  reports: string;
  /** 1 until the final report; kept as a column so open incidents are found without reading every report. */
  open: number;
  openedBy: string;
  updatedAt: string;
  demo: number;
}

export interface DutyLogTable {
  id: string;
  date: string;
  at: string;
  kind: DutyLogEntry['kind'];
  text: string;
  author: string;
  demo: number;
}

export interface DutyShiftsTable {
  id: string;
  date: string;
  startsAt: string;
  endsAt: string;
  role: DutyShift['role'];
  person: string;
  phone: string;
  status: DutyShift['status'];
  checkedInAt: string | null;
  checkedOutAt: string | null;
  updatedAt: string;
  demo: number;
}

export interface ChangesTable {
  /** Given by the Store, gap-free; commit order equals seq order because writes are serialised. */
  seq: number;
  entity: string;
  op: string;
  entityId: string;
  district: string | null;
  /** JSON of the change's data. */
  data: string;
  at: string;
  actor: string;
}

export interface Database {
  riskPoints: RiskPointsTable;
  riskPointSteps: RiskPointStepsTable;
  riskAssessments: RiskAssessmentsTable;
  fireAlerts: FireAlertsTable;
  accounts: AccountsTable;
  devices: DevicesTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  dutyShifts: DutyShiftsTable;
  dutyHandovers: DutyHandoversTable;
  dutyLog: DutyLogTable;
  incidents: IncidentsTable;
  hazards: HazardsTable;
  tipOffs: TipOffsTable;
  warnings: WarningsTable;
  calendarFeeds: CalendarFeedsTable;
  consultSessions: ConsultSessionsTable;
  consultEvents: ConsultEventsTable;
  notifications: NotificationsTable;
  notificationDeliveries: NotificationDeliveriesTable;
  changes: ChangesTable;
}
