import { useSyncExternalStore } from 'react';

const never = () => () => undefined;

/**
 * False in the server's HTML and while React hydrates it, true once React runs the page. A button whose click
 * only React handles is rendered disabled until then: a click on the server-rendered button would otherwise be
 * lost without a sign (the favourite stars on a busy machine took seconds to hydrate).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(never, () => true, () => false);
}
