"use client";
/**
 * A small windowing list: fixed-height rows, only the rows in view (plus a few above
 * and below) are in the DOM, so a 10,000-span tree costs as much to draw as a
 * 40-span one. The window math is in lib/run-window.ts.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { visibleWindow, scrollTopToReveal } from "@/lib/run-window";

/** What a parent can ask of the list. */
export interface VirtualRowsHandle {
  /** Scrolls the least needed to show row `index` (centres it when it was far away). */
  reveal: (index: number) => void;
}

/** Props of {@link VirtualRows}. */
export interface VirtualRowsProps {
  count: number;
  rowHeight: number;
  /** Rows rendered beyond each edge of the view. */
  overscan?: number;
  className?: string;
  /** Drawn above the rows, sticky (the waterfall's time axis). */
  header?: ReactNode;
  headerHeight?: number;
  renderRow: (index: number, style: { top: number; height: number }) => ReactNode;
  onKeyDown?: (e: KeyboardEvent<HTMLDivElement>) => void;
  ariaLabel?: string;
  testId?: string;
}

/** The windowed, scrollable list. */
export const VirtualRows = forwardRef<VirtualRowsHandle, VirtualRowsProps>(function VirtualRows(
  { count, rowHeight, overscan = 8, className, header, headerHeight = 0, renderRow, onKeyDown, ariaLabel, testId },
  ref,
) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const frame = useRef<number | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight - headerHeight);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [headerHeight]);

  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);

  const onScroll = useCallback(() => {
    // One state update per frame, however fast the wheel spins.
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      if (box.current) setScrollTop(box.current.scrollTop);
    });
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      reveal(index: number) {
        const el = box.current;
        if (!el) return;
        const next = scrollTopToReveal(index, rowHeight, el.scrollTop, el.clientHeight - headerHeight);
        if (next !== el.scrollTop) {
          el.scrollTop = next;
          setScrollTop(next);
        }
        // The list may sit below the fold (a tall diagnosis above it): bring the row into
        // the window too, as the browser's own scrollIntoView({block: "nearest"}) would.
        const rowTop = el.getBoundingClientRect().top + headerHeight + index * rowHeight - el.scrollTop;
        const rowBottom = rowTop + rowHeight;
        if (rowBottom > window.innerHeight) window.scrollBy({ top: rowBottom - window.innerHeight + rowHeight });
        else if (rowTop < 0) window.scrollBy({ top: rowTop - rowHeight });
      },
    }),
    [rowHeight, headerHeight],
  );

  const { first, last } = visibleWindow(count, rowHeight, scrollTop, viewport, overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i <= last; i++) rows.push(renderRow(i, { top: i * rowHeight, height: rowHeight }));

  return (
    <div
      ref={box}
      className={className}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      tabIndex={0}
      role="tree"
      aria-label={ariaLabel}
      data-testid={testId}
      data-row-count={count}
      style={{ overflow: "auto", position: "relative" }}
    >
      {header}
      <div style={{ position: "relative", height: count * rowHeight }}>{rows}</div>
    </div>
  );
});
