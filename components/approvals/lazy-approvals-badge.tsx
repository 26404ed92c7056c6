'use client';

import dynamic from 'next/dynamic';

/**
 * The header's approvals badge, loaded after the page: it shows nothing until its first poll answers anyway,
 * and its answer parsing (zod) would otherwise be in every desk page's first JavaScript.
 */
export const LazyApprovalsBadge = dynamic(() => import('./approvals-badge').then((m) => m.ApprovalsBadge), { ssr: false });
