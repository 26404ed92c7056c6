/**
 * Next calls `register()` once per server process and awaits it before serving any request — under
 * `next start` and Vercel (no custom server) this is where the desk's services are built and started
 * (server/next-shape.ts). Under the custom server they already are, and this changes nothing.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startDeskInNext } = await import('./server/next-shape');
  await startDeskInNext();
}
