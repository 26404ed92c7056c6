/** The tab a key press selects (ArrowLeft/ArrowRight wrap, Home/End), or undefined for any other key. */
export function nextTabKey<K>(keys: readonly K[], selected: K, key: string): K | undefined {
  const at = Math.max(0, keys.indexOf(selected));
  switch (key) {
    case 'ArrowRight':
      return keys[(at + 1) % keys.length];
    case 'ArrowLeft':
      return keys[(at - 1 + keys.length) % keys.length];
    case 'Home':
      return keys[0];
    case 'End':
      return keys[keys.length - 1];
    default:
      return undefined;
  }
}
