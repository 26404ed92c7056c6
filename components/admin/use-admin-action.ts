'use client';

import { useTransition } from 'react';
import { withReauth } from '@/components/auth/reauth-store';
import { toast } from '@/components/ui/toast-store';
import type { AdminResult } from './types';

/**
 * Runs an admin server action inside a transition and reports its result as a toast. A `reauth_required`
 * refusal opens the "confirm it's you" dialog and, once confirmed, runs the action again.
 */
export function useAdminAction(): [pending: boolean, run: (title: string, action: () => Promise<AdminResult>) => Promise<boolean>] {
  const [pending, start] = useTransition();
  const run = (title: string, action: () => Promise<AdminResult>) =>
    new Promise<boolean>((resolve) => {
      start(async () => {
        try {
          const result = await withReauth(action, (r) => r.code);
          toast(result.ok ? 'success' : 'error', result.ok ? result.message : `${title} failed`, result.ok ? undefined : result.message);
          resolve(result.ok);
        } catch {
          toast('error', `${title} failed`, 'The desk did not answer. Check your connection and try again.');
          resolve(false);
        }
      });
    });
  return [pending, run];
}
