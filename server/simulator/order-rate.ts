/**
 * `node --import tsx server/simulator/order-rate.ts [orders]`: how many AddOrder calls per second the built-in
 * exchange answers over loopback, with its account kept on disk (every accepted order is durable before the
 * answer) and, as the reference, in memory. Orders are sent one at a time through lib/kraken's client, spread over
 * every pair (so no pair's trading counter fills), as resting limit buys 20 % under the bid. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { signRequest } from '../../lib/kraken/sign';
import { startExchange } from './exchange';

const KEY = { key: 'order-rate-key', secret: Buffer.from('order rate secret for the built-in exchange').toString('base64') };

/** Seconds since `start` (process.hrtime.bigint nanoseconds). */
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function measure(orders: number, dataDir: string | undefined): Promise<number> {
  const exchange = await startExchange({ port: 0, seed: 5, dataDir, apiKeys: [KEY], tier: 'pro' });
  exchange.market.stop();
  try {
    const tickets = exchange.market.pairs.map((pair) => {
      const bid = new Decimal(exchange.market.top(pair.id).bid);
      const price = bid.times(0.8).toDecimalPlaces(pair.pairDecimals, Decimal.ROUND_DOWN);
      const minVolume = Decimal.max(pair.ordermin, new Decimal(pair.costmin).times(2).div(price));
      const volume = minVolume.toDecimalPlaces(pair.lotDecimals, Decimal.ROUND_UP);
      return { pair: pair.altname, price: price.toFixed(pair.pairDecimals), volume: volume.toFixed(pair.lotDecimals) };
    });
    let nonce = BigInt(Date.now()) * 1000n;
    const start = process.hrtime.bigint();
    for (let i = 0; i < orders; i++) {
      const t = tickets[i % tickets.length]!;
      nonce += 1n;
      const body = new URLSearchParams({ nonce: String(nonce), pair: t.pair, type: 'buy', ordertype: 'limit', volume: t.volume, price: t.price }).toString();
      const res = await fetch(`${exchange.restUrl}/0/private/AddOrder`, {
        method: 'POST',
        headers: { 'api-key': KEY.key, 'api-sign': signRequest('/0/private/AddOrder', String(nonce), body, KEY.secret), 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      const answer = (await res.json()) as { error: string[] };
      if (answer.error.length > 0) throw new Error(`order ${i}: ${answer.error.join(', ')}`);
    }
    return orders / since(start);
  } finally {
    await exchange.close();
  }
}

async function main(): Promise<void> {
  const orders = Math.min(Math.max(Number(process.argv[2] ?? 900), 30), 3000);
  const dir = mkdtempSync(join(tmpdir(), 'kd-order-rate-'));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  try {
    const memory: number[] = [];
    const disk: number[] = [];
    for (let round = 0; round < 3; round++) {
      memory.push(await measure(orders, undefined));
      disk.push(await measure(orders, mkdtempSync(join(dir, 'round-'))));
    }
    console.log(JSON.stringify({
      orders, memory_orders_per_s: round(median(memory)), disk_orders_per_s: round(median(disk)),
      disk_over_memory: Math.round((median(disk) / median(memory)) * 100) / 100,
      rounds: { memory: memory.map(round), disk: disk.map(round) },
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
