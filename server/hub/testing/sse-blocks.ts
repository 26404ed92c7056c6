/**
 * Cuts an SSE response, fed chunk by chunk as it arrives, into its event blocks (the text between blank
 * lines), for the test EventSource (./sse-client.ts) and the bench reader (server/bench/sse-reader.ts).
 */
export function sseBlockSplitter(onBlock: (block: string) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n\n')) >= 0) {
      const block = pending.slice(0, end);
      pending = pending.slice(end + 2);
      onBlock(block);
    }
  };
}
