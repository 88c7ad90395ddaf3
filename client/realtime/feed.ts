import { io, type Socket } from 'socket.io-client';
import type { Change, Snapshot } from '../../shared/changes.ts';
import type { DistrictCode } from '../../shared/districts.ts';
import type { Ack } from '../../shared/errors.ts';
import { type ClientToServerEvents, type HandshakeAuth, OUTDATED, PROTOCOL_VERSION, type ServerToClientEvents, UNAUTHORIZED } from '../../shared/events.ts';
import {
  finishResume,
  forgetPast,
  initialSyncState,
  KEEP_FINISHED_MS,
  needsResume,
  receiveChanges,
  receiveSnapshot,
  startResume,
  type SyncState,
} from '../../shared/sync.ts';

export type FeedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * What a screen shows about its link: LIVE, RECONNECTING (trying again), OFFLINE (given up or closed), or
 * SIGNED OUT (the server no longer knows its session: someone must sign in again).
 */
export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'signed_out';

export interface FeedOptions {
  /** Narrow the feed to these districts; empty or absent for the whole city. */
  districts?: DistrictCode[];
  onState: (state: SyncState) => void;
  onStatus?: (status: FeedStatus) => void;
  /** Tests and benchmarks pass ['websocket'] to skip long-polling. */
  transports?: ('websocket' | 'polling')[];
  /** Outside a browser (tests, benchmarks) the session cookie must be sent by hand. */
  cookie?: string;
  /** Reconnection attempts after which the screen says OFFLINE (it keeps trying). */
  offlineAfterAttempts?: number;
  /** How long finished records are kept after their last change (read each time); a week by default. */
  keepFinishedMs?: () => number;
  /** The server speaks another protocol version than this screen was built for; by default the page reloads. */
  onOutdated?: () => void;
}

export interface Feed {
  socket: FeedSocket;
  state(): SyncState;
  close(): void;
}

const RESUME_ACK_TIMEOUT_MS = 15_000;
/**
 * Changes are folded in at most this often: each fold copies the touched collections (100,000 risk points at
 * scale), and a screen gains nothing from redrawing faster than a person reads.
 */
const APPLY_INTERVAL_MS = 200;
const SERVER_KICK_RETRY_MS = 2_000;
/** A resume that failed (refused while another was under way on this link, or lost) is asked for again this late. */
const RESUME_RETRY_MS = 1_000;
/** A handshake the server refused for a reason that may pass (too many connections of this session) is tried again this late. */
const REFUSED_RETRY_MS = 15_000;
const CONNECT_TIMEOUT_MS = 5_000;
/** A screen forgets what a fresh snapshot would no longer hold this often (a wall runs for weeks); it costs a pass over the finished records. */
const FORGET_INTERVAL_MS = 60_000;

/**
 * The first picture comes over plain HTTP: at 100,000 risk points a WebSocket message of 30 MB costs a
 * browser seconds more than a response of the same size. Null when it cannot be had; the socket then sends one.
 */
async function fetchSnapshot(url: string | undefined, districts: readonly string[], cookie: string | undefined): Promise<Snapshot | null> {
  const query = districts.length > 0 ? `?district=${districts.join(',')}` : '';
  try {
    const response = await fetch(`${url ?? ''}/api/snapshot${query}`, { headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) } });
    return response.ok ? ((await response.json()) as Snapshot) : null;
  } catch {
    return null;
  }
}

/**
 * The one live connection of a screen: takes the snapshot, folds in changes in seq order, asks to resume on
 * a gap or a reconnect, and reports its status. All decisions are the pure functions of shared/sync.ts.
 */
export function connectFeed(url: string | undefined, options: FeedOptions): Feed {
  let state: SyncState = initialSyncState;
  const districts = options.districts ?? [];
  const offlineAfter = options.offlineAfterAttempts ?? 5;

  const socket: FeedSocket = io(url ?? '', {
    // WebSocket first: a snapshot of 100,000 records over long-polling costs seconds of gzip on both ends.
    // Polling stays as the fallback for networks that block WebSocket.
    transports: options.transports ?? ['websocket', 'polling'],
    tryAllTransports: true,
    // Re-read on every (re)connect: a screen holding state tells the server where it stands.
    auth: (cb) =>
      cb((state.live ? { protocol: PROTOCOL_VERSION, lastSeq: state.live.seq, districts } : { protocol: PROTOCOL_VERSION, districts }) satisfies HandshakeAuth),
    reconnectionDelayMax: 10_000,
    // A link lost during the handshake is only noticed when this runs out, and then retried.
    timeout: CONNECT_TIMEOUT_MS,
    autoConnect: false,
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
  });
  let closed = false;

  const set = (next: SyncState) => {
    const before = state;
    state = next;
    if (next !== before) options.onState(next);
    if (needsResume(before, next)) requestResume();
  };

  let pending: Change[] = [];
  let applyTimer: ReturnType<typeof setTimeout> | null = null;
  /** Folds in the changes received since the last fold; called before anything that depends on them. */
  const applyPending = () => {
    if (applyTimer) clearTimeout(applyTimer);
    applyTimer = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    set(receiveChanges(state, batch));
  };

  const requestResume = () => {
    const from = state.resumingFrom;
    if (from === null || !socket.connected) return;
    socket.timeout(RESUME_ACK_TIMEOUT_MS).emit('resume', { lastSeq: from }, (err: Error | null, result: Ack<unknown>) => {
      if (state.resumingFrom !== from) return; // superseded by a newer resume or a snapshot
      if (err || !result.ok) {
        setTimeout(() => state.resumingFrom === from && socket.connected && requestResume(), RESUME_RETRY_MS);
        return;
      }
      applyPending(); // the missed changes arrived just before this answer
      set(finishResume(state));
    });
  };

  socket.on('snapshot', (snapshot) => {
    applyPending();
    set(receiveSnapshot(state, snapshot));
  });
  socket.on('changes', (changes) => {
    for (const change of changes) pending.push(change);
    applyTimer ??= setTimeout(applyPending, APPLY_INTERVAL_MS);
  });
  socket.on('connect', () => {
    options.onStatus?.('live');
    const resumeWasUnderWay = state.resumingFrom !== null;
    applyPending(); // a gap found here asks for a resume by itself
    if (!state.live) return;
    if (state.resumingFrom === null) {
      state = startResume(state);
      requestResume();
    } else if (resumeWasUnderWay) requestResume(); // the answer was lost with the link
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return options.onStatus?.('offline');
    options.onStatus?.('reconnecting');
    // socket.io leaves reconnecting to us only when the server closed the link; a screen never gives up.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), SERVER_KICK_RETRY_MS);
  });
  // the server refuses a connection without a live session; retrying cannot help, signing in can
  socket.on('connect_error', (error) => {
    if (error.message === UNAUTHORIZED) return options.onStatus?.('signed_out');
    // the server was updated under a screen that runs for weeks: the page is reloaded to get the new screen
    if (error.message === OUTDATED) return (options.onOutdated ?? (() => globalThis.location?.reload()))();
    // any other refusal socket.io does not retry by itself
    if (socket.active) return;
    options.onStatus?.('offline');
    setTimeout(() => !closed && !socket.connected && socket.connect(), REFUSED_RETRY_MS);
  });
  socket.io.on('reconnect_attempt', (attempt) => options.onStatus?.(attempt > offlineAfter ? 'offline' : 'reconnecting'));
  const keepFinished = options.keepFinishedMs ?? (() => KEEP_FINISHED_MS);
  const forgetting = setInterval(() => {
    const live = state.live && forgetPast(state.live, new Date(), keepFinished());
    if (live && live !== state.live) set({ ...state, live });
  }, FORGET_INTERVAL_MS);
  options.onStatus?.('connecting');
  // Holding the snapshot's seq, the socket's handshake says where the screen stands and `connect` resumes from it.
  void fetchSnapshot(url, districts, options.cookie).then((snapshot) => {
    if (closed) return;
    if (snapshot) set(receiveSnapshot(state, snapshot));
    socket.connect();
  });

  return {
    socket,
    state: () => state,
    close: () => {
      closed = true;
      clearInterval(forgetting);
      if (applyTimer) clearTimeout(applyTimer);
      socket.disconnect();
    },
  };
}
