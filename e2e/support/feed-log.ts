import type { Page } from '@playwright/test';

/** One entry of the page's feed log: stream opened/ended, a book snapshot arrived, the book's badge changed. */
export interface FeedLogEntry {
  t: number;
  kind: 'stream' | 'end' | 'error' | 'book-snapshot' | 'badge';
  /** the badge's data-status for `badge`, the end code for `end` */
  detail?: string;
}

declare global {
  interface Window {
    __feedLog?: FeedLogEntry[];
  }
}

/**
 * Records, in the page, when each SSE stream opens and ends, when a book snapshot arrives on it (logged
 * before the desk's own listeners see it) and every change of the order book's checksum badge — the
 * timeline stream-end.spec.ts judges. Call before the first navigation.
 */
export async function recordFeedTimeline(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: FeedLogEntry[] = (window.__feedLog = []);
    const now = () => performance.timeOrigin + performance.now();
    const Native = window.EventSource;
    class LoggedEventSource extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener('stream', () => log.push({ t: now(), kind: 'stream' }));
        this.addEventListener('end', (ev) => log.push({ t: now(), kind: 'end', detail: String((ev as MessageEvent).data) }));
        this.addEventListener('error', () => log.push({ t: now(), kind: 'error' }));
        this.addEventListener('message', (ev) => {
          const data = String((ev as MessageEvent).data);
          if (!data.includes('"snapshot"') || !data.includes('"book"')) return;
          // a busy stream's event carries several frames, newline-separated (lib/protocol-basics splitFrames;
          // inlined: an init script cannot import)
          for (const text of data.split('\n')) {
            try {
              const frame = JSON.parse(text) as { type?: string; channel?: string };
              if (frame.type === 'snapshot' && frame.channel === 'book') log.push({ t: now(), kind: 'book-snapshot' });
            } catch {
              // not a frame the desk would take either
            }
          }
        });
      }
    }
    window.EventSource = LoggedEventSource;
    let badge: string | undefined;
    new MutationObserver(() => {
      const status = document.querySelector('[data-testid=book-checksum]')?.getAttribute('data-status') ?? undefined;
      if (status !== badge) {
        badge = status;
        log.push({ t: now(), kind: 'badge', detail: status ?? 'none' });
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

export async function feedTimeline(page: Page): Promise<FeedLogEntry[]> {
  return page.evaluate(() => window.__feedLog ?? []);
}
