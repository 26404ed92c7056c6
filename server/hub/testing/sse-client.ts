import { request, type ClientRequest } from 'node:http';
import { sseBlockSplitter } from './sse-blocks';
import type { EventSourceConstructor, EventSourceLike, FeedPost } from '../../../lib/feed/sse-transport';

/**
 * A Node EventSource over `http` for tests and the bench, with the headers a browser would send (its
 * cookie; a same-origin GET has no Origin). Like a browser's, it reports a non-200 answer or an ended
 * stream through `onerror` (the feed transport never lets it reconnect, so this one does not).
 */
export function nodeEventSource(headers: Record<string, string>): EventSourceConstructor {
  return class NodeEventSource implements EventSourceLike {
    onmessage: EventSourceLike['onmessage'] = null;
    onerror: EventSourceLike['onerror'] = null;
    /** the HTTP status of the GET, once answered */
    status: number | undefined;
    private readonly listeners = new Map<string, ((ev: { data: string }) => void)[]>();
    private readonly req: ClientRequest;
    private closed = false;

    constructor(url: string) {
      this.req = request(url, { headers, agent: false }, (res) => {
        this.status = res.statusCode;
        if (res.statusCode !== 200) {
          res.resume();
          return this.fail();
        }
        res.setEncoding('utf8');
        res.on('data', sseBlockSplitter((block) => this.dispatch(block)));
        res.on('end', () => this.fail());
        res.on('error', () => this.fail());
      });
      this.req.on('error', () => this.fail());
      this.req.end();
    }

    addEventListener(type: string, listener: (ev: { data: string }) => void): void {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }

    close(): void {
      this.closed = true;
      this.req.destroy();
    }

    private dispatch(block: string): void {
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // comment (heartbeat)
        if (line.startsWith('event: ')) type = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length === 0 || this.closed) return;
      const ev = { data: data.join('\n') };
      if (type === 'message') this.onmessage?.(ev);
      else for (const listener of this.listeners.get(type) ?? []) listener(ev);
    }

    private fail(): void {
      if (this.closed) return;
      this.onerror?.({});
    }
  };
}

/** fetch for the transport's POSTs, with the cookie and the page's Origin a browser sends. */
export function nodeFeedPost(base: string, headers: Record<string, string>): FeedPost {
  return async (url, init) => {
    const res = await fetch(new URL(url, base), { ...init, headers: { ...init.headers, ...headers } });
    await res.arrayBuffer();
    return { status: res.status };
  };
}
