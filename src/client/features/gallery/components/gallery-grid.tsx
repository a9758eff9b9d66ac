import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Generation } from '../../../api/types.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useRovingFocus } from '../hooks/use-roving-focus.ts';
import { useThumbnailPreload } from '../hooks/use-thumbnail-preload.ts';
import { layoutGalleryRows, type GalleryTile } from './gallery-tiles.ts';
import { GalleryTileView } from './gallery-tile.tsx';

/** Space between tiles and rows, px. */
const GAP = 8;
/** Space around the grid, px. */
const PADDING = 16;

/** What the gallery hands its grid. */
export interface GalleryGridProps {
  /** The gallery's scrolling element (`#gallery`), which the grid is virtualised in (null until it is mounted). */
  scrollElement: HTMLDivElement | null;
  /** Every tile, newest first: pending and failure cards, then images. */
  tiles: GalleryTile[];
  /** Called when the last rendered row is within 16 rows of the end (the gallery fetches the next page if any). */
  onNearEnd: () => void;
  onOpen: (key: string) => void;
  onRetry: (tile: GalleryTile) => void;
  onCancel: (id: string) => void;
  onDismiss: (tile: GalleryTile) => void;
  onEditPrompt: (tile: GalleryTile) => void;
  onReuse: (tile: GalleryTile) => void;
  onEdit: (tile: GalleryTile) => void;
  onCompareAcrossModels?: ((generation: Generation) => void) | undefined;
}

/**
 * The gallery's grid: justified rows of tiles (gallery-tiles.ts), virtualised with @tanstack/react-virtual so 10,000
 * generations stay smooth, with roving focus over the image tiles (use-roving-focus.ts). Loaded as its own chunk
 * once there is a tile to show: the empty studio never downloads it.
 */
export default function GalleryGrid(props: GalleryGridProps) {
  const { scrollElement, tiles, onNearEnd, onCompareAcrossModels } = props;
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = scrollElement;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [scrollElement]);
  const inner = Math.max(0, width - PADDING * 2);
  const targetHeight = Math.round(Math.min(260, Math.max(160, inner / 5)));
  // A new page of history is laid out in a transition: React renders it in slices between frames, so scrolling never waits.
  const deferredTiles = useDeferredValue(tiles);
  // On a phone no tile is narrower than 150 px (rows of one or two); wider grids keep the justified rows as they come.
  const rows = useMemo(
    () => layoutGalleryRows(deferredTiles, inner, targetHeight, GAP, { minTileWidth: inner < 600 ? 150 : 0 }),
    [deferredTiles, inner, targetHeight],
  );
  const rowCount = rows.length;
  const now = useNow(
    1000,
    tiles.some((tile) => tile.kind === 'pending'),
  );

  // TanStack Virtual returns a mutable instance the React Compiler cannot memoize; this build does not run the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollElement,
    estimateSize: (index) => (rows[index]?.height ?? targetHeight) + GAP,
    // Rows (and their thumbnails) are made about two screens ahead, so fast scrolling meets loaded tiles.
    overscan: 8,
    paddingStart: PADDING,
    paddingEnd: PADDING,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [rows, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows[virtualRows.length - 1]?.index ?? -1;
  useThumbnailPreload(rows, virtualRows[0]?.index ?? -1, lastRow);
  useEffect(() => {
    // The next page is asked for well ahead (about 16 rows before the end), so a flick does not hit the bottom.
    if (lastRow >= rowCount - 16) onNearEnd();
  }, [lastRow, rowCount, onNearEnd]);

  const imageKeys = useMemo(() => tiles.filter((tile) => tile.kind === 'image').map((tile) => tile.key), [tiles]);
  const renderedImageKeys = virtualRows.flatMap((row) => rows[row.index]?.tiles.filter(({ tile }) => tile.kind === 'image').map(({ tile }) => tile.key) ?? []);
  const roving = useRovingFocus({
    rows,
    imageKeys,
    renderedImageKeys,
    gap: GAP,
    scrollToRow: (rowIndex) => virtualizer.scrollToIndex(rowIndex, { align: 'auto' }),
  });

  if (width === 0) return null;
  return (
    <div
      role="list"
      aria-label="Generations, newest first"
      aria-describedby="gallery-keys"
      onKeyDown={roving.onKeyDown}
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      <span id="gallery-keys" className="sr-only">
        Arrow keys move between images, Enter opens one, Home and End jump to the first and last; the menu key offers Compare across models.
      </span>
      {virtualRows.map((row) => {
        const laidOut = rows[row.index];
        if (!laidOut) return null;
        return (
          <div
            key={row.key}
            role="listitem"
            aria-setsize={rowCount}
            aria-posinset={row.index + 1}
            className="gallery-row absolute left-0 flex"
            style={{
              top: 0,
              transform: `translateY(${row.start}px)`,
              gap: GAP,
              paddingLeft: PADDING,
              paddingRight: PADDING,
              width: '100%',
              height: laidOut.height,
            }}
          >
            {laidOut.tiles.map(({ tile, width: tileWidth }) => (
              <GalleryTileView
                key={tile.key}
                tile={tile}
                width={tileWidth}
                height={laidOut.height}
                now={tile.kind === 'pending' ? now : 0}
                onOpen={props.onOpen}
                onRetry={props.onRetry}
                onCancel={props.onCancel}
                onDismiss={props.onDismiss}
                onEditPrompt={props.onEditPrompt}
                onReuse={props.onReuse}
                tabIndex={tile.kind === 'image' ? (tile.key === roving.tabStopKey ? 0 : -1) : undefined}
                onFocusTile={roving.setActiveKey}
                onEdit={props.onEdit}
                onCompareAcrossModels={onCompareAcrossModels}
              />
            ))}
          </div>
        );
      })}
    </div>
  );
}
