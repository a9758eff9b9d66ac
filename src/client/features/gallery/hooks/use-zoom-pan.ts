import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

/** The view of a zoomed image: `scale` 1 is "fit to the screen"; `x`, `y` the pan from the centre, px. */
interface ZoomView {
  scale: number;
  x: number;
  y: number;
}

/** The most an image can be enlarged beyond its own pixels (100% = 1 image px per CSS px). */
const MAX_OVER_ACTUAL = 4;
const FIT: ZoomView = { scale: 1, x: 0, y: 0 };

/** What the lightbox needs to zoom and pan one image. */
export interface ZoomPan {
  view: ZoomView;
  /** Scale at which one image pixel is one CSS pixel ("100%"), relative to fit; 1 when the image is smaller than the screen. */
  actualScale: number;
  zoomed: boolean;
  /** Percent of the image's own size shown now (fit of a 2752 px image in 1100 px: 40). */
  percent: number;
  fit: () => void;
  zoomToActual: () => void;
  zoomBy: (factor: number, around?: { x: number; y: number }) => void;
  /** Handlers for the stage element (wheel is attached natively, as React's is passive). */
  stageHandlers: {
    onPointerDown: (event: PointerEvent<HTMLElement>) => void;
    onPointerMove: (event: PointerEvent<HTMLElement>) => void;
    onPointerUp: (event: PointerEvent<HTMLElement>) => void;
    onPointerCancel: (event: PointerEvent<HTMLElement>) => void;
    onDoubleClick: (event: { clientX: number; clientY: number }) => void;
  };
  /** Keys: + and - zoom, 0 fits, 1 shows 100%, arrows pan while zoomed. Returns whether it handled the key. */
  handleKey: (event: KeyboardEvent<HTMLElement>) => boolean;
}

/**
 * Zoom and pan for the lightbox image: wheel (around the pointer), pinch
 * with two fingers, drag to pan, double-click between fit and 100%, and the
 * keyboard. `image` is the image element as laid out at fit size and
 * `stage` the element around it (elements, not refs: the dialog mounts them
 * after the first render); `naturalWidth` is the image's width in px;
 * `resetKey` (the image URL) goes back to fit when it changes.
 */
export function useZoomPan(stage: HTMLElement | null, image: HTMLImageElement | null, naturalWidth: number, resetKey: string): ZoomPan {
  const stageRef = useRef(stage);
  const imageRef = useRef(image);
  useLayoutEffect(() => {
    stageRef.current = stage;
    imageRef.current = image;
  }, [stage, image]);
  const [view, setView] = useState<ZoomView>(FIT);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; scale: number } | null>(null);
  const [fitWidth, setFitWidth] = useState(0);

  // Back to fit when the image changes (state adjusted during render, not in an effect).
  const [viewKey, setViewKey] = useState(resetKey);
  if (viewKey !== resetKey) {
    setViewKey(resetKey);
    setView(FIT);
  }
  useEffect(() => {
    if (!image) return;
    const measure = () => setFitWidth(image.offsetWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(image);
    return () => observer.disconnect();
  }, [image, resetKey]);

  const actualScale = fitWidth > 0 ? Math.max(1, naturalWidth / fitWidth) : 1;
  const maxScale = actualScale * MAX_OVER_ACTUAL;

  const clamp = useCallback(
    (next: ZoomView): ZoomView => {
      const image = imageRef.current;
      const stage = stageRef.current;
      const scale = Math.min(maxScale, Math.max(1, next.scale));
      if (!image || !stage || scale === 1) return { scale, x: 0, y: 0 };
      const limitX = Math.max(0, (image.offsetWidth * scale - stage.clientWidth) / 2);
      const limitY = Math.max(0, (image.offsetHeight * scale - stage.clientHeight) / 2);
      return { scale, x: Math.min(limitX, Math.max(-limitX, next.x)), y: Math.min(limitY, Math.max(-limitY, next.y)) };
    },
    [imageRef, stageRef, maxScale],
  );

  /** Point relative to the stage's centre, px. */
  const fromCentre = useCallback(
    (clientX: number, clientY: number) => {
      const box = stageRef.current?.getBoundingClientRect();
      if (!box) return { x: 0, y: 0 };
      return { x: clientX - box.left - box.width / 2, y: clientY - box.top - box.height / 2 };
    },
    [stageRef],
  );

  const zoomTo = useCallback(
    (scale: number, around = { x: 0, y: 0 }) => {
      setView((current) => {
        const target = Math.min(maxScale, Math.max(1, scale));
        const ratio = target / current.scale;
        return clamp({ scale: target, x: around.x - (around.x - current.x) * ratio, y: around.y - (around.y - current.y) * ratio });
      });
    },
    [clamp, maxScale],
  );

  const zoomBy = useCallback(
    (factor: number, around?: { x: number; y: number }) => {
      setView((current) => {
        const target = Math.min(maxScale, Math.max(1, current.scale * factor));
        const point = around ?? { x: 0, y: 0 };
        const ratio = target / current.scale;
        return clamp({ scale: target, x: point.x - (point.x - current.x) * ratio, y: point.y - (point.y - current.y) * ratio });
      });
    },
    [clamp, maxScale],
  );

  useEffect(() => {
    if (!stage) return;
    function onWheel(event: WheelEvent) {
      event.preventDefault();
      const factor = Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0025));
      zoomBy(factor, fromCentre(event.clientX, event.clientY));
    }
    stage.addEventListener('wheel', onWheel, { passive: false });
    return () => stage.removeEventListener('wheel', onWheel);
  }, [stage, zoomBy, fromCentre]);

  const stageHandlers: ZoomPan['stageHandlers'] = {
    onPointerDown: (event) => {
      if (event.button !== 0 && event.pointerType === 'mouse') return;
      if ((event.target as HTMLElement).closest('button')) return;
      event.currentTarget.setPointerCapture(event.pointerId);
      pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.current.size === 2) {
        const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
        pinch.current = { distance: Math.hypot(a.x - b.x, a.y - b.y), scale: view.scale };
      }
    },
    onPointerMove: (event) => {
      const previous = pointers.current.get(event.pointerId);
      if (!previous) return;
      pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.current.size === 2 && pinch.current) {
        const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
        const distance = Math.hypot(a.x - b.x, a.y - b.y);
        zoomTo(pinch.current.scale * (distance / Math.max(1, pinch.current.distance)), fromCentre((a.x + b.x) / 2, (a.y + b.y) / 2));
      } else if (pointers.current.size === 1) {
        const dx = event.clientX - previous.x;
        const dy = event.clientY - previous.y;
        setView((current) => (current.scale > 1 ? clamp({ ...current, x: current.x + dx, y: current.y + dy }) : current));
      }
    },
    onPointerUp: (event) => {
      pointers.current.delete(event.pointerId);
      if (pointers.current.size < 2) pinch.current = null;
    },
    onPointerCancel: (event) => {
      pointers.current.delete(event.pointerId);
      pinch.current = null;
    },
    onDoubleClick: (event) => {
      if (view.scale > 1) setView(FIT);
      else zoomTo(actualScale > 1.01 ? actualScale : 2, fromCentre(event.clientX, event.clientY));
    },
  };

  function handleKey(event: KeyboardEvent<HTMLElement>): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    const step = event.shiftKey ? 160 : 60;
    switch (event.key) {
      case '+':
      case '=':
        zoomBy(1.25);
        return true;
      case '-':
      case '_':
        zoomBy(0.8);
        return true;
      case '0':
        setView(FIT);
        return true;
      case '1':
        zoomTo(actualScale);
        return true;
    }
    if (view.scale <= 1) return false;
    const pan: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const delta = pan[event.key];
    if (!delta) return false;
    setView((current) => clamp({ ...current, x: current.x + delta[0], y: current.y + delta[1] }));
    return true;
  }

  return {
    view,
    actualScale,
    zoomed: view.scale > 1.001,
    percent: naturalWidth > 0 && fitWidth > 0 ? Math.round(((fitWidth * view.scale) / naturalWidth) * 100) : 100,
    fit: () => setView(FIT),
    zoomToActual: () => zoomTo(actualScale),
    zoomBy,
    stageHandlers,
    handleKey,
  };
}
