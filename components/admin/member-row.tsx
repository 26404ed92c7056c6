'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ROLES } from '@/lib/auth/roles';
import type { AdminActions, AdminMember as Member } from './types';
import { useAdminAction } from './use-admin-action';

const CONTROL = 'rounded border border-border bg-bg px-1.5 py-1 text-sm focus-visible:outline-2 focus-visible:outline-accent';

interface Props {
  member: Member;
  isSelf: boolean;
  actions: Pick<AdminActions, 'setRole' | 'setDisabled' | 'resetPassword' | 'resetSecondFactor' | 'endSessions'>;
}

/** One member: role, enable/disable and password reset (an admin cannot demote or disable themself). */
export function MemberTableRow({ member, isSelf, actions }: Props) {
  const [pending, run] = useAdminAction();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  return (
    <tr className="border-t border-border align-middle" data-member={member.username}>
      <th scope="row" className="px-2 py-1.5 text-left font-medium">
        {member.username}
        {isSelf ? <span className="ml-1 text-xs text-muted">(you)</span> : null}
      </th>
      <td className="px-2 py-1.5">
        <select
          aria-label={`Role of ${member.username}`}
          className={CONTROL}
          value={member.role}
          disabled={isSelf || pending}
          onChange={(e) => void run('Role change', () => actions.setRole({ id: member.id, role: e.target.value }))}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
      </td>
      <td className="px-2 py-1.5">
        <span className={member.disabled ? 'text-down' : 'text-up'}>{member.disabled ? 'disabled' : 'active'}</span>
      </td>
      <td className="px-2 py-1.5 text-xs">{member.secondFactor ? '2FA on' : <span className="text-muted">2FA off</span>}</td>
      <td className="px-2 py-1.5">
        <div className="flex flex-wrap justify-end gap-1">
          {resetting ? (
            <form
              className="flex gap-1"
              onSubmit={(e) => {
                e.preventDefault();
                void run('Password reset', () => actions.resetPassword({ id: member.id, password })).then((ok) => {
                  if (ok) {
                    setResetting(false);
                    setPassword('');
                  }
                });
              }}
            >
              <input
                aria-label={`New password for ${member.username}`}
                type="password"
                autoComplete="new-password"
                className={`${CONTROL} w-40`}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <Button size="sm" type="submit" variant="primary" disabled={pending}>Set</Button>
              <Button size="sm" onClick={() => setResetting(false)}>Cancel</Button>
            </form>
          ) : (
            <Button size="sm" onClick={() => setResetting(true)} aria-label={`Reset password of ${member.username}`}>Reset password</Button>
          )}
          {!isSelf && member.secondFactor ? (
            <Button size="sm" disabled={pending} aria-label={`Reset 2FA of ${member.username}`}
              onClick={() => void run('2FA reset', () => actions.resetSecondFactor({ id: member.id }))}>
              Reset 2FA
            </Button>
          ) : null}
          {!isSelf ? (
            <Button size="sm" disabled={pending} aria-label={`Sign out ${member.username} everywhere`}
              onClick={() => void run('Sign out everywhere', () => actions.endSessions({ id: member.id }))}>
              End sessions
            </Button>
          ) : null}
          {!isSelf ? (
            <Button
              size="sm"
              variant={member.disabled ? 'secondary' : 'danger'}
              disabled={pending}
              aria-label={`${member.disabled ? 'Enable' : 'Disable'} ${member.username}`}
              onClick={() => void run(member.disabled ? 'Enable' : 'Disable', () => actions.setDisabled({ id: member.id, disabled: !member.disabled }))}
            >
              {member.disabled ? 'Enable' : 'Disable'}
            </Button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
