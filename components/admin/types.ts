import type { Role } from '@/lib/auth/roles';

/** What the admin screens show and do; plain data from the server page plus its server actions. */
export interface AdminResult {
  ok: boolean;
  message: string;
  code?: string;
}

/** A member as the admin screens list it (lib/db's MemberRow is the database row). */
export interface AdminMember {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  /** has a confirmed second factor (TOTP) */
  secondFactor?: boolean;
}

/** A member's limits as the limits editor shows them (lib/db's LimitsRow is the database row). */
export interface AdminLimits {
  memberId: number;
  maxOrderUsd: string | null;
  maxDayUsd: string | null;
  allowedPairs: string[] | null;
  allowedTypes: string[] | null;
}

export interface DeskState {
  frozen: boolean;
  deadManSwitch: boolean;
  confirmSlippageBps: string;
  confirmNotionalUsd: string;
}

/** One audit log entry as the audit panel shows it (lib/db's AuditRow is the database row). */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  phase: string;
  subject: string | null;
  outcome: string | null;
  detail: string;
}

export interface AdminActions {
  createMember(input: { username: string; password: string; role: string }): Promise<AdminResult>;
  setRole(input: { id: number; role: string }): Promise<AdminResult>;
  setDisabled(input: { id: number; disabled: boolean }): Promise<AdminResult>;
  resetPassword(input: { id: number; password: string }): Promise<AdminResult>;
  setLimits(id: number, limits: Omit<AdminLimits, 'memberId'>): Promise<AdminResult>;
  freeze(frozen: boolean): Promise<AdminResult>;
  deadMan(enabled: boolean): Promise<AdminResult>;
  thresholds(input: { confirmSlippageBps: string; confirmNotionalUsd: string }): Promise<AdminResult>;
  resetSecondFactor(input: { id: number }): Promise<AdminResult>;
  endSessions(input: { id: number }): Promise<AdminResult>;
  secondFactorPolicy(input: { roles: string[] }): Promise<AdminResult>;
}
