import { useState, type KeyboardEvent } from 'react';
import type { GalleryRow } from '../components/gallery-tiles.ts';

/** The keys that move focus in the gallery grid. */
export type GridKey = 'ArrowRight' | 'ArrowLeft' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

const GRID_KEYS = new Set<string>(['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/**
 * The image tile a grid key moves to from the image tile `current` (keys as in GalleryTile.key), or undefined when
 * there is none that way (first, last, top or bottom row). Left/Right follow the newest-first order of `imageKeys`
 * (across rows), Home/End jump to its first and last; Up/Down go to the image tile in the nearest row above or below
 * whose centre is closest to the centre of `current` (`gap` between tiles, px, as laid out), skipping rows of pending
 * or failed cards only.
 */
export function findNextTileKey(rows: GalleryRow[], imageKeys: string[], current: string, key: GridKey, gap: number): string | undefined {
  const index = imageKeys.indexOf(current);
  if (key === 'ArrowRight') return index < 0 ? undefined : imageKeys[index + 1];
  if (key === 'ArrowLeft') return index <= 0 ? undefined : imageKeys[index - 1];
  if (key === 'Home') return imageKeys[0];
  if (key === 'End') return imageKeys[imageKeys.length - 1];
  const step = key === 'ArrowDown' ? 1 : -1;
  const rowIndex = rows.findIndex((row) => row.tiles.some(({ tile }) => tile.key === current));
  if (rowIndex < 0) return undefined;
  let left = 0;
  let center = 0;
  for (const { tile, width } of rows[rowIndex]?.tiles ?? []) {
    if (tile.key === current) {
      center = left + width / 2;
      break;
    }
    left += width + gap;
  }
  for (let next = rowIndex + step; next >= 0 && next < rows.length; next += step) {
    let position = 0;
    let best: { key: string; distance: number } | null = null;
    for (const { tile, width } of rows[next]?.tiles ?? []) {
      const distance = Math.abs(position + width / 2 - center);
      if (tile.kind === 'image' && (!best || distance < best.distance)) best = { key: tile.key, distance };
      position += width + gap;
    }
    if (best) return best.key;
  }
  return undefined;
}

/** What useRovingFocus gives the grid. */
export interface RovingFocus {
  /** The one image tile in the Tab order (tabIndex 0); every other image tile has -1. */
  tabStopKey: string | null;
  /** Records the tile that got focus (by click or Tab), so it stays the Tab stop. */
  setActiveKey: (key: string) => void;
  /** The grid's keydown handler: arrow keys, Home and End move focus between image tiles. */
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/**
 * Roving focus over the gallery's image tiles: one Tab stop, arrow keys (Up/Down by position), Home/End. Tiles carry
 * `data-gallery-tile="image"` and `data-tile-key`; `scrollToRow` brings a row into view first (the grid is
 * virtualised, so the tile may not be rendered yet: focus is tried again for up to five frames).
 */
export function useRovingFocus(options: {
  rows: GalleryRow[];
  imageKeys: string[];
  renderedImageKeys: string[];
  gap: number;
  scrollToRow: (rowIndex: number) => void;
}): RovingFocus {
  const { rows, imageKeys, renderedImageKeys, gap, scrollToRow } = options;
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const tabStopKey = activeKey && renderedImageKeys.includes(activeKey) ? activeKey : (renderedImageKeys[0] ?? null);

  function focusTile(key: string) {
    setActiveKey(key);
    const rowIndex = rows.findIndex((row) => row.tiles.some(({ tile }) => tile.key === key));
    if (rowIndex >= 0) scrollToRow(rowIndex);
    const focus = (attempt: number) => {
      const element = document.querySelector<HTMLElement>(`[data-tile-key="${CSS.escape(key)}"]`);
      if (element) element.focus();
      else if (attempt < 5) requestAnimationFrame(() => focus(attempt + 1));
    };
    requestAnimationFrame(() => focus(0));
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (!GRID_KEYS.has(event.key)) return;
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-gallery-tile="image"]')?.dataset.tileKey;
    if (!current) return;
    event.preventDefault();
    const target = findNextTileKey(rows, imageKeys, current, event.key as GridKey, gap);
    if (target) focusTile(target);
  }

  return { tabStopKey, setActiveKey, onKeyDown };
}
