/** Table shapes as Kysely sees them (camelCase here, snake_case in the database via CamelCasePlugin). */
export interface RiskPointsTable {
  id: string;
  name: string;
  category: string;
  level: string;
  lon: number;
  lat: number;
  district: string;
  address: string;
  responsibleUnit: string;
  responsiblePerson: string;
  responsiblePhone: string;
  openHazards: number;
  overdueHazards: number;
  updatedAt: string;
  /** 0/1 on both databases so one mapping serves both. */
  demo: number;
}

export interface FireAlertsTable {
  id: string;
  source: string;
  lon: number;
  lat: number;
  district: string;
  description: string;
  detectedAt: string;
  confidence: number | null;
  frpMw: number | null;
  /** The satellite pixel, both or neither. */
  scanKm: number | null;
  trackKm: number | null;
  status: string;
  /** JSON array of steps. */
  history: string;
  updatedAt: string;
  demo: number;
}

export interface DutyShiftsTable {
  id: string;
  date: string;
  startsAt: string;
  endsAt: string;
  role: string;
  person: string;
  phone: string;
  status: string;
  checkedInAt: string | null;
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
  fireAlerts: FireAlertsTable;
  dutyShifts: DutyShiftsTable;
  changes: ChangesTable;
}
