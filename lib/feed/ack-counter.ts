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

  /** Counts one handled frame of `length` bytes; returns an ack to send, if one is due. */
  handledFrame(length: number): string | undefined {
    this.handled += length;
    if (this.handled - this.acked < ACK_EVERY_BYTES) return undefined;
    this.acked = this.handled;
    return ackFrame(this.acked);
  }
}

function ackFrame(bytes: number): string {
  return JSON.stringify({ op: 'ack', bytes });
}
