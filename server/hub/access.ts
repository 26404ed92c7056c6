import type { Role } from '../../lib/auth/roles';

/**
 * Who may read what over /ws. Kept as an explicit table (not "any signed-in member") so tightening it
 * later is a one-line change that the tests pin down.
 */
export type PrivateChannelName = 'executions' | 'balances';

/** The desk's own orders and balances: every member may watch them; only placing orders needs trader+. */
export const PRIVATE_CHANNEL_READERS: Readonly<Record<PrivateChannelName, readonly Role[]>> = {
  executions: ['viewer', 'trader', 'admin'],
  balances: ['viewer', 'trader', 'admin'],
};

export function canReadPrivate(role: Role, channel: PrivateChannelName): boolean {
  return PRIVATE_CHANNEL_READERS[channel].includes(role);
}

/** A member as the upgrade handler's injected `authenticate` returns it. */
export interface HubMember {
  memberId: number;
  username: string;
  role: Role;
  /** the session version the cookie carried; a later change (logout, password) revokes the socket */
  sessionVersion?: number;
  /** the session row the cookie names; once it is no longer live (signed out, idle, lifetime over) the socket goes */
  sessionId?: string;
}
