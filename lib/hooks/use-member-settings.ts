'use client';

import { useCallback, useSyncExternalStore } from 'react';
import type { MemberUiSettings, SettingsPatch } from '@/lib/settings/member-ui';
import { DEFAULT_UI_SETTINGS, mergeSettings } from '@/lib/settings/member-ui-basics';

/**
 * The member's screen settings for the whole tab: seeded from the page's server render (so nothing
 * flickers from defaults), changed at once in the browser, and saved to the desk (PUT /api/me/settings)
 * a moment later, so a burst of clicks costs one request and the next browser sees the last of them.
 */
let current: MemberUiSettings | undefined;
let pending: SettingsPatch = {};
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

/** Waits this long after the last change before saving (coalesces e.g. several interval clicks). */
const SAVE_DELAY_MS = 400;

function merge(a: SettingsPatch, b: SettingsPatch): SettingsPatch {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = { ...(a as Record<string, object | undefined>)[k], ...v };
  return out as SettingsPatch;
}

async function save(): Promise<void> {
  const body = pending;
  pending = {};
  timer = undefined;
  const res = await fetch('/api/me/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(() => undefined);
  // settings are a convenience: a failed save is retried with the next change, never shown as an error
  if (!res?.ok) pending = merge(body, pending);
}

/** Saves what is waiting now (the page is being left); keepalive lets the request outlive the page. */
function flush(): void {
  if (!timer) return;
  clearTimeout(timer);
  timer = undefined;
  void fetch('/api/me/settings', { method: 'PUT', keepalive: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify(pending) }).catch(() => undefined);
  pending = {};
}
if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);

export function updateMemberSettings(patch: SettingsPatch): void {
  current = mergeSettings(current ?? DEFAULT_UI_SETTINGS, patch);
  pending = merge(pending, patch);
  for (const listener of listeners) listener();
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void save(), SAVE_DELAY_MS);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The settings and their one setter. `initial` (from the server render) seeds the tab's copy once; later
 * pages' `initial` never overwrites changes the member made in this tab.
 */
export function useMemberSettings(initial: MemberUiSettings): [MemberUiSettings, (patch: SettingsPatch) => void] {
  current ??= initial;
  const settings = useSyncExternalStore(subscribe, () => current ?? initial, () => initial);
  return [settings, useCallback((patch: SettingsPatch) => updateMemberSettings(patch), [])];
}
