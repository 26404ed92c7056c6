'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { ROLES } from '@/lib/auth/roles';
import type { AdminActions } from './types';
import { useAdminAction } from './use-admin-action';

/** Adds a member with a first password (at least 10 characters) and a role. */
export function AddMemberForm({ createMember }: Pick<AdminActions, 'createMember'>) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('trader');
  const [pending, run] = useAdminAction();
  return (
    <form
      aria-label="Add member"
      className="grid grid-cols-1 items-end gap-2 sm:grid-cols-[1fr_1fr_8rem_auto]"
      onSubmit={(e) => {
        e.preventDefault();
        void run('Add member', () => createMember({ username, password, role })).then((ok) => {
          if (ok) {
            setUsername('');
            setPassword('');
          }
        });
      }}
    >
      <TextField label="New username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} required />
      <TextField label="First password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} hint="At least 10 characters" required />
      <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>{r}</option>
        ))}
      </SelectField>
      <Button type="submit" variant="primary" disabled={pending} className="sm:mb-5">Add member</Button>
    </form>
  );
}
