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

/** Whether the browser's own CRC32 of the book matched the exchange's, in words. */
export function ChecksumBadge({ status, checksum, resyncs }: { status: LoadableStatus; checksum: number | undefined; resyncs: number | undefined }) {
  return (
    <span
      data-testid="book-checksum"
      data-status={status}
      data-resyncs={resyncs}
      title={checksum !== undefined && status === 'live' ? `CRC32 ${checksum.toString(16).padStart(8, '0')}` : undefined}
      className={`rounded-full border px-2 py-0.5 text-[11px] font-medium ${TONE[status]}`}
    >
      {TEXT[status]}
    </span>
  );
}
