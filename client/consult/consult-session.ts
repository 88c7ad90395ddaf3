import { type Annotation, type AnnotationDraft, type IceServers, type MapView, ROOM_LIMITS, type RoomState, type Signal } from '../../shared/consult.ts';
import type { Ack } from '../../shared/errors.ts';
import type { FeedSocket } from '../realtime/feed.ts';
import { PeerLink } from './peer-link.ts';

/** What is being drawn: the tool, its colour and label, a ring's radius, and the points clicked so far. */
export interface Drawing {
  kind: AnnotationDraft['kind'] | null;
  color: AnnotationDraft['color'];
  label: string;
  radiusKm: number;
  points: [number, number][];
}

/** The room with all its drawings: those of the join's answer and each one heard since. */
export type RoomInView = RoomState & { annotations: Annotation[] };

/** Everything the consultation screen renders from. */
export interface ConsultView {
  /** This participant's id in the room; null until joined. */
  you: string | null;
  room: RoomInView | null;
  /** The presenter's latest view, for followers to take. */
  view: MapView | null;
  drawing: Drawing;
  local: MediaStream | null;
  audio: boolean;
  video: boolean;
  /** Participants' video by participant id. */
  remote: Map<string, MediaStream>;
  error: string | null;
}

type Listener = () => void;

/**
 * One participant's side of a consultation: the room's events over the screen's socket, and a WebRTC mesh
 * to every other participant (fine up to six), signalled through the room. Joins again after a reconnect.
 */
export class ConsultSession {
  private state: ConsultView = {
    you: null,
    room: null,
    view: null,
    drawing: { kind: null, color: '#ff3b30', label: '', radiusKm: 5, points: [] },
    local: null,
    audio: false,
    video: false,
    remote: new Map(),
    error: null,
  };
  private readonly listeners = new Set<Listener>();
  private readonly links = new Map<string, PeerLink>();
  private iceServers: IceServers = [];
  private readonly detach: (() => void)[] = [];

  constructor(
    private readonly socket: FeedSocket,
    private readonly roomName: string,
    private readonly incidentId: string | null,
  ) {}

  readonly subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = () => this.state;

  private update(patch: Partial<ConsultView>) {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  start(): void {
    const on = <E extends 'consult:state' | 'consult:view' | 'consult:annotation' | 'consult:signal' | 'connect'>(event: E, fn: (...args: never[]) => void) => {
      this.socket.on(event as 'connect', fn as () => void);
      this.detach.push(() => this.socket.off(event as 'connect', fn as () => void));
    };
    on('consult:state', (room: RoomState) => this.receiveRoom(room));
    on('consult:view', (view: MapView) => this.update({ view }));
    on('consult:annotation', (annotation: Annotation) => {
      const room = this.state.room;
      if (room && !room.annotations.some((a) => a.id === annotation.id)) this.update({ room: { ...room, annotations: [...room.annotations, annotation] } });
    });
    on(
      'consult:signal',
      (signal: Signal & { from: string }) =>
        void this.links
          .get(signal.from)
          ?.receive(signal)
          .catch((err) => console.warn('signal', err)),
    );
    // a new connection is a new participant to the room: join again
    on('connect', () => void this.join());
    if (this.socket.connected) void this.join();
  }

  stop(): void {
    this.detach.forEach((off) => off());
    if (this.socket.connected) this.socket.emit('consult:leave', {}, () => undefined);
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.state.local?.getTracks().forEach((t) => t.stop());
  }

  private async join() {
    const ack = (await this.socket
      .timeout(10_000)
      .emitWithAck('consult:join', { room: this.roomName, ...(this.incidentId ? { incidentId: this.incidentId } : {}) })
      .catch(() => null)) as Ack<{
      you: string;
      state: RoomState;
      iceServers: IceServers;
    }> | null;
    if (!ack?.ok) return this.update({ error: ack ? ack.error.message : 'no answer' });
    this.iceServers = ack.data.iceServers;
    for (const link of this.links.values()) link.close(); // the old connection's peers are gone
    this.links.clear();
    this.update({ you: ack.data.you, error: null, view: ack.data.state.view, remote: new Map() });
    this.receiveRoom(ack.data.state);
    if (this.state.local) void this.sendMedia();
  }

  /**
   * Keeps one peer link per other participant: new ones get our media, those who left are closed. A
   * broadcast leaves the drawings out: those held stay.
   */
  private receiveRoom(state: RoomState) {
    const you = this.state.you;
    if (!you) return;
    const room: RoomInView = { ...state, annotations: state.annotations ?? this.state.room?.annotations ?? [] };
    const present = new Set(room.participants.map((p) => p.id));
    const remote = new Map(this.state.remote);
    for (const [id, link] of this.links)
      if (!present.has(id)) {
        link.close();
        this.links.delete(id);
        remote.delete(id);
      }
    for (const id of present) {
      if (id === you || this.links.has(id)) continue;
      const link = new PeerLink(
        you < id,
        this.iceServers as RTCIceServer[],
        (signal) => this.socket.emit('consult:signal', { to: id, ...signal }, () => undefined),
        (stream) => this.update({ remote: new Map(this.state.remote).set(id, stream) }),
      );
      if (this.state.local) link.share(this.state.local);
      this.links.set(id, link);
    }
    this.update({ room, remote });
  }

  isPresenter(): boolean {
    return this.state.you !== null && this.state.room?.presenter === this.state.you;
  }

  sendView(view: MapView): void {
    if (this.isPresenter()) this.socket.emit('consult:view', view, () => undefined);
  }

  async requestControl(): Promise<void> {
    await this.socket
      .timeout(5000)
      .emitWithAck('consult:request-control', {})
      .catch(() => undefined);
  }

  async handOver(to: string): Promise<void> {
    await this.socket
      .timeout(5000)
      .emitWithAck('consult:hand-over', { to })
      .catch(() => undefined);
  }

  setDrawing(patch: Partial<Drawing>): void {
    this.update({ drawing: { ...this.state.drawing, ...patch } });
  }

  /** A click on the map while drawing: a marker or ring is done at once, a line or area gathers points. */
  addPoint(point: [number, number]): void {
    const d = this.state.drawing;
    if (d.kind === 'marker') void this.annotate({ kind: 'marker', point, label: d.label, color: d.color });
    else if (d.kind === 'circle') void this.annotate({ kind: 'circle', center: point, radiusKm: d.radiusKm, label: d.label, color: d.color });
    // a line or area takes so many points; the clicks after that are not kept
    else if (d.kind && d.points.length < ROOM_LIMITS.verticesPerAnnotation) this.setDrawing({ points: [...d.points, point] });
  }

  /** Sends the line or area drawn so far. */
  finishDrawing(): void {
    const d = this.state.drawing;
    if (d.kind === 'line' && d.points.length >= 2) void this.annotate({ kind: 'line', path: d.points, label: d.label, color: d.color });
    else if (d.kind === 'polygon' && d.points.length >= 3) void this.annotate({ kind: 'polygon', ring: d.points, label: d.label, color: d.color });
    else return;
    this.setDrawing({ points: [] });
  }

  private async annotate(draft: AnnotationDraft) {
    const ack = (await this.socket
      .timeout(5000)
      .emitWithAck('consult:annotate', draft)
      .catch(() => null)) as Ack<Annotation> | null;
    if (!ack?.ok) this.update({ error: ack ? ack.error.message : 'no answer' });
  }

  /** Opens the camera and microphone and sends them to everyone in the room. */
  async shareMedia(): Promise<void> {
    try {
      const local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
      for (const link of this.links.values()) link.share(local);
      this.update({ local, audio: true, video: true, error: null });
      await this.sendMedia();
    } catch (err) {
      this.update({ error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Mutes or unmutes the microphone, or turns the camera off or on: the tracks stay, silent or black. */
  async toggle(kind: 'audio' | 'video'): Promise<void> {
    const on = !this.state[kind];
    this.state.local?.getTracks().forEach((t) => t.kind === kind && (t.enabled = on));
    this.update({ [kind]: on } as Pick<ConsultView, 'audio' | 'video'>);
    await this.sendMedia();
  }

  private async sendMedia() {
    await this.socket
      .timeout(5000)
      .emitWithAck('consult:media', { audio: this.state.audio, video: this.state.video })
      .catch(() => undefined);
  }
}
