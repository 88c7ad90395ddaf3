import type { MergeRule } from '../shared/fire-alerts.ts';
import type { ReportingRules } from '../shared/incidents.ts';
import type { SessionCache } from './auth/session-cache.ts';
import type { Store } from './db/store.ts';
import type { HeatSourceMask } from './fire-alerts/heat-sources.ts';
import type { DistrictLocator } from './geo/district-locator.ts';
import type { RiskPointClusterTiles } from './risk-points/cluster-tiles.ts';
import type { RiskPointSummaries } from './risk-points/summaries.ts';
import type { Channel } from './notifications/channels/channel.ts';

/** What every domain's operations need; built once in createApp. */
export interface DomainDeps {
  store: Store;
  /** The live sessions as last read, emptied by every write of sessions, accounts or devices. */
  sessions: SessionCache;
  /** The risk points as screens hold them, serialised: the snapshot's largest part. */
  summaries: RiskPointSummaries;
  /** The same points clustered for the map, as vector tiles. */
  clusterTiles: RiskPointClusterTiles;
  locator: DistrictLocator;
  /** Known industrial heat sources: their satellite hotspots are flagged, not alarmed. */
  heatSources: HeatSourceMask;
  /** The ways an escalation reaches the leader on duty: their screen, and the configured webhook and SMS gateway. */
  notifyChannels: readonly Channel[];
  /** A demo instance flags everything it stores as simulated, whoever wrote it. */
  demo: boolean;
  /** The configured operating rules. */
  rules: {
    /** An untaken fire alert escalates to the leader on duty after this long. */
    escalateAfterMs: number;
    /** Which satellite hotspots are one fire. */
    hotspotMerge: MergeRule;
    /** When incident reports are due. */
    reporting: ReportingRules;
    /**
     * Finished records (closed alerts, closed hazards, final incidents, ended warnings) stay in the picture
     * this long after their last change: in the snapshot, the lists and the screens (SCREEN_KEEP_FINISHED_MIN).
     */
    keepFinishedMs: number;
  };
}

/** The instant before which a finished record has left the picture (snapshot, lists and screens alike). */
export const finishedSince = (deps: Pick<DomainDeps, 'store' | 'rules'>): string =>
  new Date(deps.store.clock().getTime() - deps.rules.keepFinishedMs).toISOString();
