import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { NonceState } from './auth';
import type { AccountState } from './model';

export interface PersistedState {
  version: 1;
  account: AccountState;
  nonces: Record<string, NonceState>;
}

const FILE = 'trading-state.json';

/** Shape check on load: a damaged or foreign file must not crash the exchange (it starts fresh instead). */
const persistedSchema = z.object({
  version: z.literal(1),
  account: z.object({
    balances: z.record(z.string(), z.string()),
    orders: z.record(z.string(), z.object({ id: z.string(), status: z.string() }).passthrough()),
    trades: z.record(z.string(), z.object({ id: z.string() }).passthrough()),
    ledger: z.record(z.string(), z.object({ id: z.string() }).passthrough()),
    nextTradeId: z.number(),
    deadMan: z.object({ triggerAt: z.number() }),
  }),
  nonces: z.record(z.string(), z.object({ last: z.string(), seen: z.array(z.string()) })),
});

/** One JSON file under `dataDir`, written atomically (temp + rename), debounced, flushed on close. */
export class StateStore {
  private timer: NodeJS.Timeout | undefined;
  private snapshot: (() => PersistedState) | undefined;

  constructor(private readonly dir: string | undefined, private readonly debounceMs = 250) {}

  load(): PersistedState | undefined {
    if (!this.dir) return undefined;
    const path = join(this.dir, FILE);
    if (!existsSync(path)) return undefined;
    try {
      const parsed = persistedSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      return parsed.success ? (parsed.data as unknown as PersistedState) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Registers where the state comes from; `changed()` then schedules a write. */
  source(snapshot: () => PersistedState): void {
    this.snapshot = snapshot;
  }

  changed(): void {
    if (!this.dir || this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dir || !this.snapshot) return;
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, FILE);
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.snapshot()));
    renameSync(temp, path);
  }
}
