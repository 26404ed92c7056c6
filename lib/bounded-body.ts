/**
 * A request body as text, or undefined as soon as it is known to exceed `limit` bytes: at once from a
 * too-large Content-Length, otherwise while streaming, so a huge body is never buffered whole. Shared by the
 * desk's JSON routes (lib/http/handler.ts) and the hub's SSE feed posts (server/hub/sse-transport.ts),
 * which each turn undefined into their own 413. A body refused by its Content-Length is left unread, not
 * cancelled: cancelling Node's request stream while data still arrives throws inside Node's stream adapter.
 */
export async function readBoundedText(req: Request, limit: number): Promise<string | undefined> {
  const declared = req.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) return undefined;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
