import { ACK_EVERY_BYTES } from '@/lib/protocol-basics';

/**
 * The reader's half of ack flow control: an opening ack of 0 opts the connection in, then one ack each
 * time another ACK_EVERY_BYTES of frames has been handled. Shared by the feed client and the bench's
 * loopback readers, so both speak the protocol identically.
 */
export class AckCounter {
  private handled = 0;
  private acked = 0;

  /** Starts counting a new connection; returns the opening ack to send. */
  open(): string {
    this.handled = this.acked = 0;
    return ackFrame(0);
  }

  /**
   * Counts the frames of one handled hub message (splitFrames); returns an ack to send, if one is due.
   * The hub counts each frame's bytes, not the separators between the frames of a message, so neither does this.
   */
  handledFrames(frames: readonly string[]): string | undefined {
    for (const frame of frames) this.handled += frame.length;
    if (this.handled - this.acked < ACK_EVERY_BYTES) return undefined;
    this.acked = this.handled;
    return ackFrame(this.acked);
  }
}

function ackFrame(bytes: number): string {
  return JSON.stringify({ op: 'ack', bytes });
}
