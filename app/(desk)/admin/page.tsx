import type { Metadata } from 'next';
import { ApprovalPolicyForm } from '@/components/admin/approval-policy-form';
import { AuditPanel } from '@/components/admin/audit-panel';
import { DeadManStatus } from '@/components/admin/dead-man-status';
import { DeskControls } from '@/components/admin/desk-controls';
import { LimitsEditor } from '@/components/admin/limits-editor';
import { MembersPanel } from '@/components/admin/members-panel';
import { SecondFactorPolicy } from '@/components/admin/second-factor-policy';
import { Toaster } from '@/components/ui/toaster';
import { deskServices } from '@/lib/desk-services';
import { deadManReport } from '@/lib/orders/dead-man-report';
import { getDb } from '@/lib/server/db';
import { getEnv } from '@/lib/server/env';
import { orderService } from '@/lib/server/orders';
import { requireMember } from '@/lib/server/require-member';
import {
  createMemberAction,
  deadManAction,
  endSessionsAction,
  freezeAction,
  resetSecondFactorAction,
  secondFactorPolicyAction,
  resetPasswordAction,
  setDisabledAction,
  setLimitsAction,
  setRoleAction,
  thresholdsFormAction,
  approvalPolicyAction,
} from './actions';

export const metadata: Metadata = { title: 'Admin' };
// Members, limits and the audit log are per request; never prerender at build time.
export const dynamic = 'force-dynamic';

/** /admin (admins only; others get a 404): members, per-member limits, desk controls and the audit log. */
export default async function AdminPage() {
  const admin = await requireMember('admin');
  const db = getDb();
  const [members, limits, settings, audit, policy, enrolled, required] = await Promise.all([
    db.members.list(), db.limits.list(), db.deskSettings.get(), db.audit.page({ limit: 100 }), orderService().approvals.policy(),
    db.secondFactor.enrolledIds(), db.secondFactor.requiredRoles(),
  ]);
  const services = deskServices();
  const deadMan = deadManReport({ enabled: settings.deadManSwitch, state: services.deadMan(), serverless: services.shape === 'next' && Boolean(process.env.VERCEL || process.env.AWS_LAMBDA_FUNCTION_NAME), now: Date.now() });
  const actions = {
    createMember: createMemberAction,
    setRole: setRoleAction,
    setDisabled: setDisabledAction,
    resetPassword: resetPasswordAction,
    setLimits: setLimitsAction,
    freeze: freezeAction,
    deadMan: deadManAction,
    thresholds: thresholdsFormAction,
    resetSecondFactor: resetSecondFactorAction,
    endSessions: endSessionsAction,
    secondFactorPolicy: secondFactorPolicyAction,
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Admin</h1>
      <a href="/admin/key" className="self-start text-sm underline hover:text-accent">Kraken key health: permissions, IP allow-list, expiry</a>
      {getEnv().DESK_MODE === 'paper' ? <a href="/admin/paper" className="self-start text-sm underline hover:text-accent">Paper account: source market and reset</a> : null}
      <DeskControls state={settings} actions={actions} />
      <DeadManStatus report={deadMan} />
      <ApprovalPolicyForm policy={policy} members={members.filter((m) => m.role !== 'viewer').map((m) => ({ id: m.id, username: m.username }))} save={approvalPolicyAction} />
      <MembersPanel
        members={members.map((m) => ({ id: m.id, username: m.username, role: m.role, disabled: m.disabled, createdAt: m.createdAt, secondFactor: enrolled.includes(m.id) }))}
        selfId={admin.id}
        actions={actions}
      />
      <SecondFactorPolicy required={required} enrolledCount={enrolled.length} actions={actions} />
      <LimitsEditor members={members.map((m) => ({ id: m.id, username: m.username, role: m.role, disabled: m.disabled, createdAt: m.createdAt }))} limits={limits} setLimits={setLimitsAction} />
      <AuditPanel
        rows={audit.rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, phase: r.phase, subject: r.subject, outcome: r.outcome, detail: r.detail }))}
      />
      <Toaster />
    </div>
  );
}
