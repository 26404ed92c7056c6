import type { Metadata } from 'next';
import { NotFoundView } from '@/components/layout/not-found-view';

export const metadata: Metadata = { title: 'Not found' };

/** An unlisted pair: the desk's 404 inside the desk's layout, which already draws the header. */
export default function PairNotFound() {
  return <NotFoundView />;
}
