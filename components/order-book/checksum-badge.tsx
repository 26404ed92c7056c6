'use client';

import type { LoadableStatus } from '@/lib/feed/loadable';

const TEXT: Record<LoadableStatus, string> = {
  loading: 'Loading…',
  live: 'Checksum verified',
  stale: 'Stale',
  resyncing: 'Resyncing…',
  offline: 'Offline',
};

const TONE: Record<LoadableStatus, string> = {
  loading: 'text-muted border-border',
  live: 'text-up border-up/40',
  stale: 'text-amber-500 border-amber-500/40',
  resyncing: 'text-amber-500 border-amber-500/40',
  offline: 'text-down border-down/40',
};

/** The tooltip: the CRC32 the browser matched, while the book is live. */
export function checksumTitle(status: LoadableStatus, checksum: number | undefined): string {
  return checksum !== undefined && status === 'live' ? `CRC32 ${checksum.toString(16).padStart(8, '0')}` : '';
}

/**
 * Whether the browser's own CRC32 of the book matched the exchange's, in words. The checksum itself changes
 * with every publish; it is put in the tooltip when the pointer arrives, because rewriting an
 * attribute ten times a second makes the browser recheck the badge's style each time.
 */
export function ChecksumBadge({ status, checksum, resyncs }: { status: LoadableStatus; checksum: number | undefined; resyncs: number | undefined }) {
  return (
    <span
      data-testid="book-checksum"
      data-status={status}
      data-resyncs={resyncs}
      onPointerEnter={(e) => void (e.currentTarget.title = checksumTitle(status, checksum))}
      className={`rounded-full border px-2 py-0.5 text-[11px] font-medium ${TONE[status]}`}
    >
      {TEXT[status]}
    </span>
  );
}
