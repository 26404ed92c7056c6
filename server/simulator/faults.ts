/**
 * Armed faults, set through /control/faults and consumed one per request by the REST handlers (public
 * here, private on the trading side): `unavailable` answers EService:Unavailable, `lost-response` runs
 * the method and then destroys the socket without answering.
 */
import type { FaultSwitches } from './types';

export type FaultKind = 'unavailable' | 'lost-response';

export interface ArmedFault {
  kind: FaultKind;
  /** REST method name (e.g. AddOrder, Ticker) or `*` for any */
  method: string;
  /** remaining times it fires */
  count: number;
}

export class Faults implements FaultSwitches {
  private armed: ArmedFault[] = [];

  arm(kind: FaultKind, method: string, count: number): void {
    this.armed.push({ kind, method, count });
  }

  clear(): void {
    this.armed = [];
  }

  list(): ArmedFault[] {
    return this.armed.map((f) => ({ ...f }));
  }

  takeUnavailable(method: string): boolean {
    return this.take('unavailable', method);
  }

  takeLostResponse(method: string): boolean {
    return this.take('lost-response', method);
  }

  private take(kind: FaultKind, method: string): boolean {
    const fault = this.armed.find((f) => f.kind === kind && (f.method === method || f.method === '*') && f.count > 0);
    if (!fault) return false;
    fault.count -= 1;
    if (fault.count <= 0) this.armed = this.armed.filter((f) => f !== fault);
    return true;
  }
}
