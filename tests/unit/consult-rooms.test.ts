import { describe, expect, it } from 'vitest';
import { ConsultRooms } from '../../server/consult/rooms.ts';

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
});
