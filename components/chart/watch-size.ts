/**
 * Reports an element's content box whenever it changes. Canvas painters keep the last size from here
 * instead of measuring in every paint, which would force a layout each time they draw.
 */
export function watchSize(el: Element, onSize: (width: number, height: number) => void): () => void {
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (box) onSize(box.width, box.height);
  });
  observer.observe(el);
  return () => observer.disconnect();
}
