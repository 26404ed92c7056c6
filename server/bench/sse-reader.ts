import { Agent, request } from 'node:http';
import { sseBlockSplitter } from '../hub/testing/sse-blocks';

/**
 * One bench reader of the SSE feed: a GET stream parsed by hand (data lines are hub frames, the `stream`
 * event carries the id) and the reader's frames POSTed one request at a time, batched meanwhile, as the
 * browser's transport does (lib/feed/sse-transport.ts). Lean on purpose: 1,000 of these share one process.
 */

const posts = new Agent({ keepAlive: true, maxSockets: 64 });

export interface SseReaderHandlers {
  opened(send: (frame: string) => void): void;
  frame(text: string, send: (frame: string) => void): void;
}

export function openSseReader(url: string, origin: string, handlers: SseReaderHandlers): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    let id: string | undefined;
    const queue: string[] = [];
    let sending = false;
    const flush = () => {
      if (sending || queue.length === 0 || id === undefined) return;
      const body = JSON.stringify({ stream: id, frames: queue.splice(0, 32) });
      sending = true;
      const req = request(url, { method: 'POST', agent: posts, headers: { origin, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => {
          sending = false;
          flush();
        });
      });
      req.on('error', () => (sending = false));
      req.end(body);
    };
    const send = (frame: string) => {
      queue.push(frame);
      flush();
    };
    const get = request(url, { agent: false, headers: { origin } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET ${url} answered ${res.statusCode}`));
      res.setEncoding('latin1');
      res.on('data', sseBlockSplitter((block) => {
        // a busy stream's event carries several frames, a `data:` line each, joined as EventSource joins them
        if (block.startsWith('data: ')) handlers.frame(block.slice(6).replaceAll('\ndata: ', '\n'), send);
        else if (block.startsWith('event: stream\n')) {
          id = (JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { stream: string }).stream;
          handlers.opened(send);
          resolve({ close: () => get.destroy() });
        }
      }));
    });
    get.on('error', reject);
    get.end();
  });
}
