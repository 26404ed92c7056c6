/**
 * Every door of the order service that previews an order keeps that symbol's book at the preview's depth
 * (lib/orders/book-keeper.ts): a preview, a placement and an amend each ask for the hold on their own, once per
 * symbol, and concurrent placements on one symbol ask once between them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { PREVIEW_DEPTH } from '../../lib/orders/market-context';
import { createOrderService } from '../../lib/orders/service';
import type { Ticket } from '../../lib/orders/ticket';
import { restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

let desk: DeskFixture;
let price: string;

before(async () => {
  desk = await startDeskFixture();
  price = await restingBuyPrice(desk.kraken);
});
after(() => desk.close());

/** An order service of its own on the fixture's database and client, whose holds are only recorded. */
function serviceWithHolds() {
  const holds: string[] = [];
  const service = createOrderService({
    db: desk.db, kraken: desk.kraken, tradingRate: { tier: 'pro' },
    holdBook: (symbol, depth) => {
      holds.push(`${symbol}@${depth}`);
      return () => undefined;
    },
  });
  return { service, holds };
}

const ticket = (): Ticket => ({ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() });

test('a preview, a placement and an amend each keep the book of their symbol, once per symbol', async () => {
  const previewing = serviceWithHolds();
  await previewing.service.preview(desk.trader, ticket());
  await previewing.service.preview(desk.trader, ticket());
  assert.deepEqual(previewing.holds, [`BTC/USD@${PREVIEW_DEPTH}`], 'the preview: held once however often it runs');

  const placing = serviceWithHolds();
  const placed = await placing.service.place(desk.trader, ticket());
  assert.ok('order' in placed.body, JSON.stringify(placed.body));
  assert.deepEqual(placing.holds, [`BTC/USD@${PREVIEW_DEPTH}`], 'the placement');

  const amending = serviceWithHolds();
  await amending.service.amend(desk.trader, placed.body.order.txid, { volume: '0.002' });
  assert.deepEqual(amending.holds, [`BTC/USD@${PREVIEW_DEPTH}`], 'the amend');
});

test('concurrent placements on one symbol ask for its book once', async () => {
  const { service, holds } = serviceWithHolds();
  const answers = await Promise.all(Array.from({ length: 5 }, () => service.place(desk.trader, ticket())));
  assert.deepEqual(answers.map((a) => a.status), [201, 201, 201, 201, 201]);
  assert.deepEqual(holds, [`BTC/USD@${PREVIEW_DEPTH}`]);
});
