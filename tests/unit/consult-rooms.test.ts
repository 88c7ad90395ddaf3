import { describe, expect, it } from 'vitest';
import { ConsultRooms } from '../../server/consult/rooms.ts';
import { type Annotation, annotationDraftSchema, ROOM_LIMITS } from '../../shared/consult.ts';

const person = (id: string) => ({ id, name: id, role: 'officer', joinedAt: '2026-11-23T06:00:00.000Z', audio: false, video: false });

describe('consultation rooms', () => {
  const roomWith = (...ids: string[]) => {
    const rooms = new ConsultRooms();
    rooms.open('r', 'cs-1', null, []);
    for (const id of ids) rooms.join('r', person(id));
    return rooms;
  };

  it('makes the first to arrive the presenter', () => {
    expect(roomWith('a', 'b').state('r')).toMatchObject({ presenter: 'a', participants: [{ id: 'a' }, { id: 'b' }] });
  });

  it('passes control, when the presenter leaves, to whoever asked first, else to whoever has been there longest', () => {
    const asked = roomWith('a', 'b', 'c');
    asked.requestControl('r', 'c');
    expect(asked.leave('r', 'a')).toEqual({ handedTo: 'c', empty: false });
    expect(asked.state('r')).toMatchObject({ presenter: 'c', requests: [] });
    const quiet = roomWith('a', 'b', 'c');
    expect(quiet.leave('r', 'a')).toEqual({ handedTo: 'b', empty: false });
  });

  it('takes no request from the presenter, clears one when control is handed over, and closes when empty', () => {
    const rooms = roomWith('a', 'b');
    rooms.requestControl('r', 'a');
    rooms.requestControl('r', 'b');
    rooms.requestControl('r', 'b');
    expect(rooms.state('r').requests).toEqual(['b']);
    rooms.handOver('r', 'b');
    expect(rooms.state('r')).toMatchObject({ presenter: 'b', requests: [] });
    expect(rooms.leave('r', 'a')).toEqual({ handedTo: null, empty: false });
    expect(rooms.leave('r', 'b')).toEqual({ handedTo: null, empty: true });
    expect(rooms.has('r')).toBe(false);
  });

  it('holds so many sites, annotations and points, and broadcasts its people without the drawings', () => {
    const rooms = roomWith(...Array.from({ length: ROOM_LIMITS.participants }, (_, i) => `p${i}`));
    expect(rooms.refusesJoin('r')).toMatchObject({ full: 'participants', limit: ROOM_LIMITS.participants });
    expect(rooms.refusesJoin('elsewhere')).toBeNull();
    const ring = (n: number) => ({
      kind: 'polygon' as const,
      ring: Array.from({ length: n }, (_, i): [number, number] => [115 + i / 1e4, 29.5]),
      label: '',
      color: '#ff3b30' as const,
    });
    const drawn = (draft: ReturnType<typeof ring>, i: number): Annotation => ({ ...draft, id: `an-${i}`, author: 'p0', createdAt: '2026-11-23T06:00:00.000Z' });
    // as large as a drawing may be, the room's points run out first
    const largest = ring(ROOM_LIMITS.verticesPerAnnotation);
    let taken = 0;
    while (!rooms.refusesAnnotation('r', largest)) rooms.annotate('r', drawn(largest, taken++));
    expect(taken).toBe(ROOM_LIMITS.vertices / ROOM_LIMITS.verticesPerAnnotation);
    expect(rooms.refusesAnnotation('r', largest)).toMatchObject({ full: 'vertices' });
    // small ones, their count
    const other = roomWith('a');
    const small = ring(3);
    for (taken = 0; !other.refusesAnnotation('r', small);) other.annotate('r', drawn(small, taken++));
    expect(taken).toBe(ROOM_LIMITS.annotations);
    expect(other.refusesAnnotation('r', small)).toMatchObject({ full: 'annotations' });
    expect(other.state('r').annotations).toBeUndefined();
    expect(other.stateWithAnnotations('r').annotations).toHaveLength(ROOM_LIMITS.annotations);
    // and one drawing has so many points at most
    expect(annotationDraftSchema.safeParse(ring(ROOM_LIMITS.verticesPerAnnotation + 1)).success).toBe(false);
    expect(annotationDraftSchema.safeParse({ ...ring(3), label: 'x'.repeat(61) }).success).toBe(false);
  });

  it('counts the points of a room reopened from its record', () => {
    const rooms = new ConsultRooms();
    const line = {
      kind: 'line' as const,
      path: Array.from({ length: 400 }, (_, i): [number, number] => [115 + i / 1e4, 29.5]),
      label: '',
      color: '#ff3b30' as const,
    };
    const record = Array.from({ length: 50 }, (_, i): Annotation => ({ ...line, id: `an-${i}`, author: 'a', createdAt: '2026-11-23T06:00:00.000Z' }));
    rooms.open('r', 'cs-1', null, record);
    expect(rooms.refusesAnnotation('r', { ...line, path: line.path.slice(0, 2) })).toMatchObject({ full: 'vertices' });
  });
});
