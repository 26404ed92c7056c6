import type { TextTarget } from '../set-text';

/** Writes seen by fake elements: text nodes made (textContent set) and text values changed in place. */
export interface TextWrites {
  made: number;
  changed: number;
}

/**
 * An element as `setText` sees it, for node tests: its children (text nodes or element stand-ins) and a
 * count of the writes, shared by every fake given the same `writes`.
 */
export function fakeTextElement(writes: TextWrites = { made: 0, changed: 0 }, children: { nodeType: number; nodeValue: string | null }[] = []): TextTarget {
  const textNode = (initial: string | null) => {
    let value = initial;
    return {
      nodeType: 3,
      get nodeValue() {
        return value;
      },
      set nodeValue(next: string | null) {
        writes.changed++;
        value = next;
      },
    };
  };
  let nodes = children;
  return {
    get childNodes() {
      return nodes;
    },
    get firstChild() {
      return nodes[0] ?? null;
    },
    get textContent() {
      return nodes.map((n) => n.nodeValue ?? '').join('');
    },
    set textContent(value: string | null) {
      writes.made++;
      nodes = [textNode(value)];
    },
  };
}
