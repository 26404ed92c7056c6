'use client';

import Link from 'next/link';

/**
 * What a page that failed on the server shows, inside the root layout: so the PAPER banner (and the theme) stay
 * on screen even then, and the member gets a way on instead of Next's bare error page. The digest is what the
 * server logged the error under; nothing else of the error reaches the browser.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto w-full max-w-screen-2xl px-3 py-4 sm:px-4">
      <section role="alert" aria-labelledby="page-error-heading" className="mx-auto max-w-lg space-y-3 py-12 text-center">
        <h1 id="page-error-heading" className="text-xl font-semibold">
          This page could not be shown
        </h1>
        <p className="text-sm text-muted">
          Something failed on the desk&apos;s server while drawing it. Try again, or go back to markets.
          {error.digest ? <span className="mt-1 block font-mono text-xs">Reference for the admin: {error.digest}</span> : null}
        </p>
        <p className="flex justify-center gap-2">
          <button type="button" onClick={reset} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:opacity-90">
            Try again
          </button>
          <Link href="/markets" className="rounded-md border border-border px-4 py-2 text-sm font-medium hover:bg-panel-2">
            Back to markets
          </Link>
        </p>
      </section>
    </main>
  );
}
