/**
 * The e2e suite drives a desk with a demo or paper account on this machine only: nothing it starts or calls
 * may leave 127.0.0.1. These checks guard every target URL (baseURL, the exchange's control endpoints, every
 * request and socket a page sends: support/fixtures.ts).
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    if (!/^(https?|wss?):$/.test(protocol)) return true; // data:, blob:, about: never leave the machine
    return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  } catch {
    return false;
  }
}

/** Refuses a target other than this machine before anything talks to it. */
export function assertLoopbackTarget(url: string | undefined): void {
  if (!url || !isLoopbackUrl(url)) throw new Error(`e2e refuses to run against ${url ?? '(no URL)'}: only 127.0.0.1 / localhost / ::1`);
}
