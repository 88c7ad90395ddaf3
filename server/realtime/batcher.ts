import type { Server } from 'socket.io';
import type { Change } from '../../shared/changes.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import { districtStream } from './district-stream.ts';
import { filterOfRoom, wholeCityRoom } from './rooms.ts';

/**
 * Coalesces the changes committed within one push interval into one `changes` message per room. One
 * message per change costs a send per client per change; batching is what lets a node keep up with many
 * screens (see bench/push.ts for the measured difference).
 */
export class ChangeBatcher {
  private pending: Change[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Per filtered room (districts, or watching only), the seq of the last change sent to it. */
  private readonly lastSentSeq = new Map<string, number>();

  constructor(
    private readonly io: Server<ClientToServerEvents, ServerToClientEvents>,
    private readonly pushIntervalMs: number,
  ) {
    io.of('/').adapter.on('delete-room', (room: string) => this.lastSentSeq.delete(room));
  }

  enqueue(changes: readonly Change[]): void {
    for (const change of changes) this.pending.push(change);
    this.timer ??= setTimeout(() => this.flush(), this.pushIntervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const rooms = this.io.of('/').adapter.rooms;
    // an emit serialises its message even for a room nobody is in
    if (rooms.get(wholeCityRoom)?.size) this.io.to(wholeCityRoom).emit('changes', batch);
    for (const room of rooms.keys()) {
      const filter = filterOfRoom(room);
      if (!filter) continue;
      const stream = districtStream(batch, filter.districts, this.lastSentSeq.get(room) ?? 0, filter.watching);
      if (stream.length === 0) continue;
      this.lastSentSeq.set(room, stream[stream.length - 1]!.seq);
      this.io.to(room).emit('changes', stream);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}
