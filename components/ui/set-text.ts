/** The parts of an element `setText` touches (a real `HTMLElement` in the page; a plain object in tests). */
export interface TextTarget {
  textContent: string | null;
  readonly childNodes: { readonly length: number };
  readonly firstChild: { readonly nodeType: number; nodeValue: string | null } | null;
}

const TEXT_NODE = 3;

/**
 * Sets an element's text, changing its one text node in place when it has one. Setting `textContent`
 * replaces the node every time, which the browser handles as a removal and an insertion in its layout
 * tree; a live readout written several times a second should only change characters. Returns whether it
 * wrote anything.
 */
export function setText(el: TextTarget, text: string): boolean {
  const node = el.firstChild;
  if (node && node.nodeType === TEXT_NODE && el.childNodes.length === 1) {
    if (node.nodeValue === text) return false;
    node.nodeValue = text;
    return true;
  }
  if (el.textContent === text) return false;
  el.textContent = text;
  return true;
}
