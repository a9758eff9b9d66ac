import { useId, useState } from 'react';

interface ComparedImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

interface CompareSliderProps {
  /** The parent image, shown left of the divider. */
  before: ComparedImage;
  /** The edit, shown right of the divider. */
  after: ComparedImage;
  /** CSS max-height of the compared images. */
  maxHeight: string;
}

/**
 * A before/after slider: the edit with its parent laid over it and cut at
 * the divider. Drag anywhere on the image, or use the arrow keys, Page Up/Down,
 * Home and End on the slider (a native range input, 0..100 % of the width
 * showing the parent).
 */
export function CompareSlider({ before, after, maxHeight }: CompareSliderProps) {
  const [position, setPosition] = useState(50);
  const hintId = useId();
  return (
    <div className="relative inline-block max-w-full select-none" data-testid="compare-slider">
      <img
        src={after.url}
        alt={after.alt}
        width={after.width}
        height={after.height}
        className="block h-auto w-auto max-w-full object-contain shadow-2xl shadow-black"
        style={{ maxHeight }}
        draggable={false}
      />
      <img
        src={before.url}
        alt={before.alt}
        className="absolute inset-0 h-full w-full object-contain"
        style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}
        draggable={false}
      />
      <div
        aria-hidden
        className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-white/90 shadow-[0_0_0_1px_rgba(0,0,0,0.4)]"
        style={{ left: `${position}%` }}
      >
        <span
          className={
            'absolute left-1/2 top-1/2 flex h-7 w-7 -translate-x-1/2 -translate-y-1/2 items-center ' +
            'justify-center rounded-full border border-black/30 bg-white text-[11px] font-bold text-zinc-900'
          }
        >
          ⇆
        </span>
      </div>
      <span aria-hidden className="pointer-events-none absolute left-2 top-2 rounded bg-black/70 px-1.5 py-0.5 text-[11px] font-medium text-zinc-100">
        Before
      </span>
      <span aria-hidden className="pointer-events-none absolute right-2 top-2 rounded bg-black/70 px-1.5 py-0.5 text-[11px] font-medium text-accent">
        After
      </span>
      <input
        type="range"
        min={0}
        max={100}
        step={1}
        value={position}
        onChange={(event) => setPosition(Number(event.target.value))}
        aria-label="Before and after"
        aria-describedby={hintId}
        aria-valuetext={`${position}% of the width shows the image before the edit`}
        className="peer absolute inset-0 h-full w-full cursor-ew-resize opacity-0"
      />
      <span
        aria-hidden
        className={
          'pointer-events-none absolute inset-0 rounded peer-focus-visible:outline-2 ' + 'peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent'
        }
      />
      <span id={hintId} className="sr-only">
        Left of the divider is the image before the edit, right of it the edit. Arrow keys move the divider.
      </span>
    </div>
  );
}
