'use client';

import { nextTabKey } from './tab-keys';

export interface TabChoice<K extends string> {
  key: K;
  label: string;
}

interface Props<K extends string> {
  /** the tab list's accessible name */
  label: string;
  tabs: readonly TabChoice<K>[];
  selected: K;
  onSelect(key: K): void;
  /** ids: each tab is `${idBase}-${key}` and controls the panel `tabPanelId(idBase, key)` */
  idBase: string;
  className: string;
  tabClassName(selected: boolean): string;
}

/** The id of the panel a tab controls; the panel carries it with role="tabpanel". */
export const tabPanelId = (idBase: string, key: string) => `${idBase}-${key}-panel`;

/**
 * Tabs as the ARIA tabs pattern has them: one tab stop (the selected tab), arrow keys move the selection
 * (wrapping), Home and End jump to the ends, and each tab names the panel it controls.
 */
export function TabList<K extends string>({ label, tabs, selected, onSelect, idBase, className, tabClassName }: Props<K>) {
  const keys = tabs.map((t) => t.key);
  return (
    <div role="tablist" aria-label={label} className={className}>
      {tabs.map((t) => (
        <button
          key={t.key}
          type="button"
          role="tab"
          id={`${idBase}-${t.key}`}
          aria-selected={selected === t.key}
          aria-controls={tabPanelId(idBase, t.key)}
          tabIndex={selected === t.key ? 0 : -1}
          onClick={() => onSelect(t.key)}
          onKeyDown={(e) => {
            const next = nextTabKey(keys, selected, e.key);
            if (next === undefined) return;
            e.preventDefault();
            onSelect(next);
            document.getElementById(`${idBase}-${next}`)?.focus();
          }}
          className={tabClassName(selected === t.key)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
