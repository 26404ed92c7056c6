import type { FeedTransport } from './transport';

/**
 * WebSocket first, Server-Sent Events when WebSockets do not work here: once the primary transport has
 * failed `failuresBeforeFallback` times in a row without ever opening (a host or proxy without upgrades),
 * every later connection of this tab uses the fallback. A primary that opened once is known to work, so
 * its later drops are ordinary reconnects. The feed client above sees one transport either way.
 */
export function fallbackTransport(primary: FeedTransport, fallback: FeedTransport, failuresBeforeFallback = 2): FeedTransport & { readonly using: 'primary' | 'fallback' } {
  let failures = 0;
  let primaryWorks = false;
  let using: 'primary' | 'fallback' = 'primary';
  return {
    get using() {
      return using;
    },
    connect(handlers) {
      if (using === 'fallback') return fallback.connect(handlers);
      let opened = false;
      return primary.connect({
        onOpen() {
          opened = primaryWorks = true;
          failures = 0;
          handlers.onOpen();
        },
        onMessage: (text) => handlers.onMessage(text),
        onClose(code, reason) {
          if (!opened && !primaryWorks && ++failures >= failuresBeforeFallback) using = 'fallback';
          handlers.onClose(code, reason);
        },
      });
    },
  };
}
