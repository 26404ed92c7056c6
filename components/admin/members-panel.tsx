import { AddMemberForm } from './add-member-form';
import { MemberTableRow } from './member-row';
import type { AdminActions, AdminMember as Member } from './types';

/** Members of the desk: add, change role, disable/enable, reset password. */
export function MembersPanel({ members, selfId, actions }: { members: Member[]; selfId: number; actions: AdminActions }) {
  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3">
      <h2 id="members-heading" className="text-base font-semibold">Members</h2>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-sm">
          <thead className="text-left text-xs text-muted">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">Member</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Role</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Status</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Sign-in</th>
              <th scope="col" className="px-2 py-1.5 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <MemberTableRow key={m.id} member={m} isSelf={m.id === selfId} actions={actions} />
            ))}
          </tbody>
        </table>
      </div>
      <AddMemberForm createMember={actions.createMember} />
    </section>
  );
}
