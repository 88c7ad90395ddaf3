/**
 * The connections each session holds, counted from the moment a handshake is admitted (before the session
 * lookup finishes, so handshakes arriving together cannot all slip under the limit) until it closes.
 */
export class SessionSlots {
  private readonly held = new Map<string, Set<string>>();

  constructor(private readonly perSession: number) {}

  /** Takes a place for this connection in its session's count; false when the session has all of them. */
  take(sessionId: string, connectionId: string): boolean {
    let held = this.held.get(sessionId);
    if (!held) this.held.set(sessionId, (held = new Set()));
    if (held.has(connectionId)) return true;
    if (held.size >= this.perSession) return false;
    held.add(connectionId);
    return true;
  }

  /** Gives the place back; a second call for the same connection does nothing. */
  release(sessionId: string, connectionId: string): void {
    const held = this.held.get(sessionId);
    if (!held?.delete(connectionId)) return;
    if (held.size === 0) this.held.delete(sessionId);
  }

  count(sessionId: string): number {
    return this.held.get(sessionId)?.size ?? 0;
  }
}
