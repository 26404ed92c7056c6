import type Database from 'better-sqlite3';

/** Desk-wide switches and thresholds, editable by admins. Amounts are decimal text. */
export interface DeskSettings {
  /** blocks new orders for everyone */
  frozen: boolean;
  /** keeps Kraken's CancelAllOrdersAfter armed while the desk runs */
  deadManSwitch: boolean;
  /** a preview whose slippage exceeds this (basis points) needs `confirm: true` */
  confirmSlippageBps: string;
  /** an order whose notional exceeds this (USD) needs `confirm: true` */
  confirmNotionalUsd: string;
  /**
   * Four eyes (lib/approvals/policy.ts): orders worth more than this (USD) need a second member's approval. null =
   * never; undefined = no admin has set it yet, so the start-up value DESK_APPROVAL_ABOVE_USD applies.
   */
  approvalAboveUsd?: string | null;
  /** per member id: that member's own threshold, overriding the desk-wide one (null = never needs approval) */
  approvalMemberAboveUsd: Record<string, string | null>;
  /** who may approve: traders and admins, or admins only (never the requester, never a viewer) */
  approvalApprovers: 'traders' | 'admins';
  /** how long a request waits for a decision before it expires */
  approvalLifetimeMinutes: number;
}

export const DEFAULT_DESK_SETTINGS: DeskSettings = {
  frozen: false,
  deadManSwitch: false,
  confirmSlippageBps: '50',
  confirmNotionalUsd: '25000',
  approvalAboveUsd: undefined,
  approvalMemberAboveUsd: {},
  approvalApprovers: 'traders',
  approvalLifetimeMinutes: 15,
};

export interface DeskSettingsRepository {
  get(): Promise<DeskSettings>;
  /** Changes only the given fields; returns the whole new state. */
  update(changes: Partial<DeskSettings>): Promise<DeskSettings>;
}

export function createSqliteDeskSettings(db: Database.Database, now: () => Date = () => new Date()): DeskSettingsRepository {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM desk_settings');
  const upsert = db.prepare(`INSERT INTO desk_settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  const read = (): DeskSettings => {
    const settings: DeskSettings = { ...DEFAULT_DESK_SETTINGS };
    for (const { key, value } of all.all()) {
      if (key in settings) (settings as unknown as Record<string, unknown>)[key] = JSON.parse(value);
    }
    return settings;
  };
  const write = db.transaction((changes: Partial<DeskSettings>) => {
    const stamp = now().toISOString();
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined && key in DEFAULT_DESK_SETTINGS) upsert.run(key, JSON.stringify(value), stamp);
    }
  });
  return {
    async get() {
      return read();
    },
    async update(changes) {
      write.immediate(changes);
      return read();
    },
  };
}
