'use client';

import dynamic from 'next/dynamic';
import { useState, useSyncExternalStore } from 'react';
import type { ReauthAction } from './reauth-dialog';
import { reauthOpen, subscribeReauth } from './reauth-store';

const ReauthDialog = dynamic(() => import('./reauth-dialog').then((m) => m.ReauthDialog), { ssr: false });

/**
 * Mounts the "Confirm it's you" dialog the first time something asks for it, so its form is not part of every
 * desk page's first load; once mounted it stays, and opens and closes itself from the same store.
 */
export function ReauthGate(props: { reauth: ReauthAction; enrolled: boolean }) {
  const open = useSyncExternalStore(subscribeReauth, reauthOpen, () => false);
  const [asked, setAsked] = useState(false);
  if (open && !asked) setAsked(true);
  return asked ? <ReauthDialog {...props} /> : null;
}
