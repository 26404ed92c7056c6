import type { FeedState } from '../../lib/protocol';

/**
 * Turns the upstream connection's state changes into the sequence browsers see. Whatever way the
 * upstream was lost (watchdog `stale`, or a dropped socket that goes straight to `connecting`), browsers
 * first get `stale` — the moment the data stops being trustworthy — then `resyncing` while it reconnects,
 * then `live`. Before the first successful connection the state is `connecting`.
 */
export class FeedStatus {
  state: FeedState = 'connecting';
  private everLive = false;

  /** Returns the browser-facing states to announce, in order (empty when nothing changed). */
  next(upstream: FeedState): FeedState[] {
    const out: FeedState[] = [];
    const go = (s: FeedState) => {
      if (this.state !== s) {
        this.state = s;
        out.push(s);
      }
    };
    switch (upstream) {
      case 'live':
        this.everLive = true;
        go('live');
        break;
      case 'stale':
        go('stale');
        break;
      case 'connecting':
      case 'resyncing':
        if (!this.everLive) go('connecting');
        else {
          if (this.state === 'live') go('stale');
          go('resyncing');
        }
        break;
      case 'offline':
        if (this.state === 'live') go('stale');
        go('offline');
        break;
    }
    return out;
  }
}
