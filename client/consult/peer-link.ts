import type { Signal } from '../../shared/consult.ts';

type Outgoing = Omit<Signal, 'to'>;

/**
 * One WebRTC connection to another participant, negotiated the "perfect negotiation" way (W3C WebRTC
 * examples): either side may add media at any time; when both offer at once the polite side gives way.
 */
export class PeerLink {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;

  constructor(
    private readonly polite: boolean,
    iceServers: RTCIceServer[],
    private readonly send: (signal: Outgoing) => void,
    onStream: (stream: MediaStream) => void,
  ) {
    this.pc = new RTCPeerConnection({ iceServers });
    this.pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await this.pc.setLocalDescription();
        this.sendDescription();
      } finally {
        this.makingOffer = false;
      }
    };
    this.pc.onicecandidate = ({ candidate }) => send({ candidate: candidate ? (candidate.toJSON() as Outgoing['candidate']) : null });
    this.pc.ontrack = ({ streams, track }) => onStream(streams[0] ?? new MediaStream([track]));
  }

  /** Sends this stream's tracks (again, after a new one was opened). */
  share(stream: MediaStream): void {
    const sending = new Set(this.pc.getSenders().map((s) => s.track));
    for (const track of stream.getTracks()) if (!sending.has(track)) this.pc.addTrack(track, stream);
  }

  async receive({ description, candidate }: Outgoing): Promise<void> {
    if (description) {
      const collision = description.type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await this.pc.setRemoteDescription(description as RTCSessionDescriptionInit);
      if (description.type === 'offer') {
        await this.pc.setLocalDescription();
        this.sendDescription();
      }
      return;
    }
    if (candidate) {
      try {
        await this.pc.addIceCandidate(candidate as RTCIceCandidateInit);
      } catch (err) {
        if (!this.ignoreOffer) throw err;
      }
    }
  }

  private sendDescription() {
    this.send({ description: this.pc.localDescription!.toJSON() as Outgoing['description'] });
  }

  close(): void {
    this.pc.close();
  }
}
