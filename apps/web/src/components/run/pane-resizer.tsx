"use client";
import { useCallback, useEffect, useState, type PointerEvent as ReactPointerEvent, type KeyboardEvent } from "react";
import styles from "./run.module.css";

const KEY = "onset.run.detailWidth";
const MIN = 320;
const MAX = 1000;
const DEFAULT = 440;
/** Below this window width the pane starts at its minimum. */
const NARROW = 1200;

const clamp = (w: number) => Math.min(MAX, Math.max(MIN, Math.round(w)));

/** The detail pane's width, remembered in this browser (by default 440 px, 320 px in a window under 1200 px). */
export function usePaneWidth(): [number, (w: number) => void] {
  const [width, setWidth] = useState(DEFAULT);
  useEffect(() => {
    const saved = Number(window.localStorage.getItem(KEY));
    if (saved) setWidth(clamp(saved));
    // A narrow window (1024 px) gives the tree the room: its labels matter more there.
    else if (window.innerWidth < NARROW) setWidth(MIN);
  }, []);
  const set = useCallback((w: number) => {
    const c = clamp(w);
    setWidth(c);
    window.localStorage.setItem(KEY, String(c));
  }, []);
  return [width, set];
}

/** A vertical splitter on the detail pane's left edge: drag it, or focus it and use ←/→. */
export function PaneResizer({ width, onWidth }: { width: number; onWidth: (w: number) => void }) {
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startX = e.clientX;
    const startW = width;
    const move = (ev: PointerEvent) => onWidth(startW + (startX - ev.clientX));
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      e.preventDefault();
      onWidth(width + (e.key === "ArrowLeft" ? 40 : -40));
    }
  };
  return (
    <div
      className={styles.resizer}
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the detail pane"
      aria-valuenow={width}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      data-testid="detail-resizer"
    />
  );
}
