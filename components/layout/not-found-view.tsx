import Link from 'next/link';

/** What a 404 says on the desk: what happened, and the ways back (markets, or where the member came from). */
export function NotFoundView() {
  return (
    <section aria-labelledby="not-found-heading" className="mx-auto max-w-lg space-y-3 py-12 text-center">
      <p className="text-sm font-semibold text-muted">404</p>
      <h1 id="not-found-heading" className="text-xl font-semibold">
        This page does not exist
      </h1>
      <p className="text-sm text-muted">
        The address may be mistyped, or the pair is not listed on the exchange. Markets lists every pair you can trade.
      </p>
      <p>
        <Link href="/markets" className="inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:opacity-90">
          Back to markets
        </Link>
      </p>
    </section>
  );
}
