import { createHub } from '../hub';
import { FakeUpstream } from './fakes';

/** A hub over two live fake upstreams, the market one and (unless `withPrivate` is false) the private one; linger 0. */
export function hubOnFakeUpstreams(withPrivate = true) {
  const upstream = new FakeUpstream();
  const privateUpstream = new FakeUpstream();
  const hub = createHub({ upstream, ...(withPrivate ? { privateUpstream } : {}), lingerMs: 0 });
  upstream.setState('live');
  privateUpstream.setState('live');
  return { upstream, privateUpstream, hub };
}
