import type { Role } from '../../lib/auth/roles';

/**
 * Keeps open `/ws` sockets in step with their members' rows, whoever changed them: the web UI, or
 * `npm run user` in another process writing the same SQLite file (which this process cannot hear about).
 * A cheap periodic look at the members that have sockets, plus `check()` for callers that know something
 * changed. Disabled, deleted, or a new session version (logout, password change) → the socket is revoked;
 * a new role → the socket is re-authorised in place (see ws-transport.ts).
 */

/** What the watch needs of a member's current row. */
export interface MemberRecord {
  role: Role;
  disabled: boolean;
  sessionVersion: number;
  /** the member's session rows still usable now (not ended, idle or past their lifetime); undefined → not checked */
  liveSessions?: readonly string[];
}

/** One open socket as the watch sees it. */
export interface WatchedSocket {
  readonly memberId: number;
  /** the session version the socket was authenticated with; undefined → only disable/delete/role are checked */
  readonly sessionVersion: number | undefined;
  /** the session row the socket was authenticated with; undefined → sessions are not checked */
  readonly sessionId?: string;
  /** the role the socket currently acts with */
  role: Role;
  revoke(reason: string): void;
  reauthorise(role: Role): void;
}

export interface MemberWatchOptions {
  /** the member's current row, or null when it no longer exists */
  lookup(memberId: number): Promise<MemberRecord | null>;
  /** how often every watched member is looked at (ms); default 1000 */
  intervalMs?: number;
  /**
   * A changed session version (sign-out, new password) closes the socket this long after it is seen (ms;
   * default 2000): the tab that signed out is following its own redirect to /login meanwhile, and must not
   * race it with the socket's "sign in again". Disabled or removed members are cut at once.
   */
  sessionGraceMs?: number;
  /** a lookup failed (database busy, closed); the next round tries again */
  onError?: (error: unknown) => void;
}

export class MemberWatch {
  private readonly byMember = new Map<number, Set<WatchedSocket>>();
  /** sockets whose session-version revocation is waiting out the grace */
  private readonly revoking = new WeakSet<WatchedSocket>();
  private readonly timer: NodeJS.Timeout;
  private round: Promise<void> | undefined;

  constructor(private readonly options: MemberWatchOptions) {
    this.timer = setInterval(() => {
      // one round at a time: a slow database must not pile up lookups
      this.round ??= this.check().finally(() => (this.round = undefined));
    }, options.intervalMs ?? 1000);
    this.timer.unref();
  }

  /** Watches a socket until the returned function is called. */
  add(socket: WatchedSocket): () => void {
    let set = this.byMember.get(socket.memberId);
    if (!set) this.byMember.set(socket.memberId, (set = new Set()));
    set.add(socket);
    return () => {
      set.delete(socket);
      if (set.size === 0 && this.byMember.get(socket.memberId) === set) this.byMember.delete(socket.memberId);
    };
  }

  /** Looks at one member now (the web UI just changed them), or at every member with a socket. */
  async check(memberId?: number): Promise<void> {
    const ids = memberId === undefined ? [...this.byMember.keys()] : [memberId];
    for (const id of ids) {
      if (!this.byMember.has(id)) continue;
      let record: MemberRecord | null;
      try {
        record = await this.options.lookup(id);
      } catch (error) {
        this.options.onError?.(error);
        continue;
      }
      for (const socket of [...(this.byMember.get(id) ?? [])]) this.judge(socket, record);
    }
  }

  private judge(socket: WatchedSocket, record: MemberRecord | null): void {
    if (!record) return socket.revoke('member removed');
    if (record.disabled) return socket.revoke('member disabled');
    const versionMoved = socket.sessionVersion !== undefined && record.sessionVersion !== socket.sessionVersion;
    const sessionOver = socket.sessionId !== undefined && record.liveSessions !== undefined && !record.liveSessions.includes(socket.sessionId);
    if (versionMoved || sessionOver) {
      if (this.revoking.has(socket)) return;
      this.revoking.add(socket);
      setTimeout(() => socket.revoke('session revoked'), this.options.sessionGraceMs ?? 2000).unref();
      return;
    }
    if (record.role !== socket.role) socket.reauthorise(record.role);
  }

  stop(): void {
    clearInterval(this.timer);
    this.byMember.clear();
  }
}
