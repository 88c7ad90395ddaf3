import { type Annotation, type AnnotationDraft, type MapView, type Participant, ROOM_LIMITS, type RoomState, verticesOf } from '../../shared/consult.ts';

/** A room while anyone is in it. */
interface Room {
  sessionId: string;
  incidentId: string | null;
  participants: Map<string, Participant>;
  presenter: string | null;
  requests: string[];
  annotations: Annotation[];
  /** The points of all its annotations, against ROOM_LIMITS.vertices. */
  vertices: number;
  view: MapView | null;
}

/** Why a room takes no one or nothing more; the socket answers it as a refusal. */
export type RoomRefusal = { full: 'participants' | 'annotations' | 'vertices'; limit: number; message: string };

/**
 * The consultation rooms of this server, in memory: who is in each, who presents, who asks for control,
 * the annotations and the presenter's last view. The rules are here; the sockets and the record are not.
 */
export class ConsultRooms {
  private readonly rooms = new Map<string, Room>();

  has(room: string): boolean {
    return this.rooms.has(room);
  }

  open(room: string, sessionId: string, incidentId: string | null, annotations: Annotation[]): void {
    const vertices = annotations.reduce((sum, a) => sum + verticesOf(a), 0);
    this.rooms.set(room, { sessionId, incidentId, participants: new Map(), presenter: null, requests: [], annotations, vertices, view: null });
  }

  /** Whether one more may join; a room not open yet takes anyone. */
  refusesJoin(room: string): RoomRefusal | null {
    const r = this.rooms.get(room);
    const limit = ROOM_LIMITS.participants;
    if (!r || r.participants.size < limit) return null;
    return { full: 'participants', limit, message: `the room is full: ${limit} sites take part already` };
  }

  /** Whether the room takes this drawing, within its bounds of annotations and of points. */
  refusesAnnotation(room: string, draft: AnnotationDraft): RoomRefusal | null {
    const r = this.get(room);
    if (r.annotations.length >= ROOM_LIMITS.annotations)
      return { full: 'annotations', limit: ROOM_LIMITS.annotations, message: `the room holds its ${ROOM_LIMITS.annotations} annotations already` };
    if (r.vertices + verticesOf(draft) > ROOM_LIMITS.vertices)
      return {
        full: 'vertices',
        limit: ROOM_LIMITS.vertices,
        message: `the room's drawings would pass ${ROOM_LIMITS.vertices} points in all; draw it with fewer`,
      };
    return null;
  }

  /** The first to arrive presents. */
  join(room: string, participant: Participant): void {
    const r = this.get(room);
    r.participants.set(participant.id, participant);
    r.presenter ??= participant.id;
  }

  /**
   * Takes a participant out; a presenter who leaves hands control to whoever asked first, else to whoever
   * has been there longest. Says whom control went to, and whether the room is now empty.
   */
  leave(room: string, id: string): { handedTo: string | null; empty: boolean } {
    const r = this.get(room);
    r.participants.delete(id);
    r.requests = r.requests.filter((x) => x !== id);
    let handedTo: string | null = null;
    if (r.presenter === id) {
      handedTo = r.requests.shift() ?? r.participants.keys().next().value ?? null;
      r.presenter = handedTo;
    }
    const empty = r.participants.size === 0;
    if (empty) this.rooms.delete(room);
    return { handedTo, empty };
  }

  isPresenter(room: string, id: string): boolean {
    return this.rooms.get(room)?.presenter === id;
  }

  isIn(room: string, id: string): boolean {
    return this.rooms.get(room)?.participants.has(id) ?? false;
  }

  requestControl(room: string, id: string): void {
    const r = this.get(room);
    if (r.presenter !== id && !r.requests.includes(id)) r.requests.push(id);
  }

  handOver(room: string, to: string): void {
    const r = this.get(room);
    r.presenter = to;
    r.requests = r.requests.filter((x) => x !== to);
  }

  setView(room: string, view: MapView): void {
    this.get(room).view = view;
  }

  setMedia(room: string, id: string, media: { audio: boolean; video: boolean }): void {
    const p = this.get(room).participants.get(id);
    if (p) Object.assign(p, media);
  }

  /** Adds a drawing the room takes (see refusesAnnotation). */
  annotate(room: string, annotation: Annotation): void {
    const r = this.get(room);
    r.annotations.push(annotation);
    r.vertices += verticesOf(annotation);
  }

  participant(room: string, id: string): Participant | undefined {
    return this.rooms.get(room)?.participants.get(id);
  }

  sessionOf(room: string): string {
    return this.get(room).sessionId;
  }

  /** The room without its drawings: what every change of its people is broadcast as. */
  state(room: string): RoomState {
    const r = this.get(room);
    return {
      room,
      sessionId: r.sessionId,
      incidentId: r.incidentId,
      participants: [...r.participants.values()],
      presenter: r.presenter,
      requests: [...r.requests],
      view: r.view,
    };
  }

  /** The room with its drawings, for one who joins. */
  stateWithAnnotations(room: string): RoomState & { annotations: Annotation[] } {
    return { ...this.state(room), annotations: [...this.get(room).annotations] };
  }

  private get(room: string): Room {
    const r = this.rooms.get(room);
    if (!r) throw new Error(`no consultation room ${room}`);
    return r;
  }
}
