/**
 * Paper mode's permanent banner: on every page (the root layout draws it, sign-in included), never dismissible,
 * so nobody mistakes the paper desk for the real account.
 */
export function PaperBanner({ paper }: { paper: boolean }) {
  if (!paper) return null;
  return (
    <div
      role="note"
      aria-label="Paper trading"
      data-testid="paper-banner"
      className="sticky top-0 z-50 flex flex-wrap items-center justify-center gap-x-3 gap-y-1 border-b-2 border-black bg-[repeating-linear-gradient(135deg,#facc15_0_14px,#fde047_14px_28px)] px-3 py-1.5 text-center text-sm font-semibold text-black"
    >
      <span className="rounded bg-black px-2 py-0.5 font-mono text-xs font-bold tracking-[0.2em] text-[#facc15]">PAPER</span>
      <span>Paper trading: Kraken&apos;s live market, a simulated account. No order reaches Kraken.</span>
    </div>
  );
}
