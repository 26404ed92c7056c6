import assert from 'node:assert/strict';
import { it } from 'node:test';
import { readBoundedText } from './bounded-body';

/** A POST whose body arrives as the given chunks, with no Content-Length (as a chunked upload would). */
function streamed(chunks: string[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  return new Request('http://127.0.0.1/', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

it('returns the body text when it fits the limit', async () => {
  assert.equal(await readBoundedText(new Request('http://127.0.0.1/', { method: 'POST', body: 'héllo' }), 6), 'héllo');
  assert.equal(await readBoundedText(new Request('http://127.0.0.1/'), 6), '');
});

it('refuses a declared Content-Length over the limit without reading the body', async () => {
  const req = new Request('http://127.0.0.1/', { method: 'POST', body: 'x'.repeat(10), headers: { 'content-length': '10' } });
  assert.equal(await readBoundedText(req, 9), undefined);
});

it('refuses a streamed body once it passes the limit', async () => {
  assert.equal(await readBoundedText(streamed(['12345', '67890']), 9), undefined);
  assert.equal(await readBoundedText(streamed(['12345', '6789']), 9), '123456789');
});
