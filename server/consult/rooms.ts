import type { Annotation, MapView, Participant, RoomState } from '../../shared/consult.ts';

/** A room while anyone is in it. */
interface Room {
  sessionId: string;
  incidentId: string | null;
  participants: Map<string, Participant>;
  presenter: string | null;
  requests: string[];
  annotations: Annotation[];
  view: MapView | null;
}

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
    this.rooms.set(room, { sessionId, incidentId, participants: new Map(), presenter: null, requests: [], annotations, view: null });
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

  annotate(room: string, annotation: Annotation): void {
    this.get(room).annotations.push(annotation);
  }

  participant(room: string, id: string): Participant | undefined {
    return this.rooms.get(room)?.participants.get(id);
  }

  sessionOf(room: string): string {
    return this.get(room).sessionId;
  }

  state(room: string): RoomState {
    const r = this.get(room);
    return { room, sessionId: r.sessionId, incidentId: r.incidentId, participants: [...r.participants.values()], presenter: r.presenter, requests: [...r.requests], annotations: [...r.annotations], view: r.view };
  }

  private get(room: string): Room {
    const r = this.rooms.get(room);
    if (!r) throw new Error(`no consultation room ${room}`);
    return r;
  }
}
