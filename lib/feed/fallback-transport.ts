import type { FeedTransport, TransportHandlers } from './transport';

/**
 * WebSocket first, Server-Sent Events when WebSockets do not work here: once the primary transport has
 * failed `failuresBeforeFallback` times in a row without ever opening (a host or proxy without upgrades),
 * later connections of this tab use the fallback. A primary that opened once is known to work, so its later
 * drops are ordinary reconnects. A fallback that fails before opening too means the desk itself is away
 * (a restart), not WebSockets: the next attempts start again from the primary. The feed client above sees
 * one transport either way.
 */
export function fallbackTransport(primary: FeedTransport, fallback: FeedTransport, failuresBeforeFallback = 2): FeedTransport & { readonly using: 'primary' | 'fallback' } {
  let failures = 0;
  let primaryWorks = false;
  let using: 'primary' | 'fallback' = 'primary';

  /** Passes events through, calling `failed` when the connection ends without ever having opened. */
  const watching = (handlers: TransportHandlers, opened: () => void, failed: () => void): TransportHandlers => {
    let open = false;
    return {
      onOpen() {
        open = true;
        opened();
        handlers.onOpen();
      },
      onMessage: (text) => handlers.onMessage(text),
      onClose(code, reason) {
        if (!open) failed();
        handlers.onClose(code, reason);
      },
    };
  };

  return {
    get using() {
      return using;
    },
    connect(handlers) {
      if (using === 'fallback') {
        return fallback.connect(watching(handlers, () => undefined, () => {
          using = 'primary';
          failures = 0;
        }));
      }
      return primary.connect(watching(
        handlers,
        () => {
          primaryWorks = true;
          failures = 0;
        },
        () => {
          if (!primaryWorks && ++failures >= failuresBeforeFallback) using = 'fallback';
        },
      ));
    },
  };
}
