'use client';

import { useTransition } from 'react';
import { toast } from '@/components/ui/toast-store';
import type { AdminResult } from './types';

/** Runs an admin server action inside a transition and reports its result as a toast. */
export function useAdminAction(): [pending: boolean, run: (title: string, action: () => Promise<AdminResult>) => Promise<boolean>] {
  const [pending, start] = useTransition();
  const run = (title: string, action: () => Promise<AdminResult>) =>
    new Promise<boolean>((resolve) => {
      start(async () => {
        try {
          const result = await action();
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
