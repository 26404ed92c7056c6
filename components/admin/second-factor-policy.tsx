'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ROLES, type Role } from '@/lib/auth/roles';
import type { AdminActions } from './types';
import { useAdminAction } from './use-admin-action';

/** Which roles must use two-factor sign-in; members of those roles without it are sent to enrolment first. */
export function SecondFactorPolicy({ required, enrolledCount, actions }: { required: Role[]; enrolledCount: number; actions: Pick<AdminActions, 'secondFactorPolicy'> }) {
  const [pending, run] = useAdminAction();
  const [roles, setRoles] = useState<Role[]>(required);
  return (
    <section aria-labelledby="tfa-policy-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3">
      <h2 id="tfa-policy-heading" className="text-base font-semibold">Two-factor sign-in</h2>
      <p className="text-sm text-muted">
        {enrolledCount} member{enrolledCount === 1 ? ' has' : 's have'} an authenticator set up. Members of a required role who have none are
        sent to set one up before they can use the desk.
      </p>
      <form
        aria-label="Two-factor requirement"
        className="flex flex-wrap items-center gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void run('Two-factor requirement', () => actions.secondFactorPolicy({ roles }));
        }}
      >
        <span className="text-sm">Required for:</span>
        {ROLES.map((role) => (
          <label key={role} className="flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
            />
            {role}s
          </label>
        ))}
        <Button type="submit" disabled={pending}>Save requirement</Button>
      </form>
    </section>
  );
}
