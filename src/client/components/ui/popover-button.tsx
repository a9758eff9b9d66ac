import { forwardRef, lazy, Suspense, useImperativeHandle, useRef, useState, type ButtonHTMLAttributes } from 'react';

const PopoverLayer = lazy(() => import('./popover-layer.tsx'));

/** The placement and look of the popover's content (a subset of Radix Popover.Content's props). */
export interface PopoverContentProps {
  side?: 'top' | 'right' | 'bottom' | 'left';
  align?: 'start' | 'center' | 'end';
  /** Gap between the button and the content, in px. */
  sideOffset?: number;
  /** Least distance from the viewport's edges, in px. */
  collisionPadding?: number;
  className?: string;
  'aria-label'?: string;
  /** Given, the content has an arrow pointing at the button, with these classes (e.g. its fill). */
  arrowClassName?: string;
}

interface PopoverButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'content' | 'onClick' | 'type'> {
  /** What the popover shows once opened; rendered only while open. */
  content: React.ReactNode;
  contentProps: PopoverContentProps;
  /** Controlled open state (with onOpenChange); omitted, the button keeps its own. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/**
 * A button that opens a popover (a non-modal dialog: Escape or a click outside closes it). The button is a plain
 * element in the first download; Radix Popover (with Floating UI, about 10 KB gzipped) loads on the first open.
 * The button carries `aria-expanded`, `aria-haspopup="dialog"` and `data-state="open" | "closed"` like a Radix trigger.
 */
export const PopoverButton = forwardRef<HTMLButtonElement, PopoverButtonProps>(function PopoverButton(
  { content, contentProps, open: controlledOpen, onOpenChange, ...buttonProps },
  ref,
) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  useImperativeHandle(ref, () => buttonRef.current as HTMLButtonElement, []);
  const [ownOpen, setOwnOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = (next: boolean) => {
    if (next) setWanted(true);
    setOwnOpen(next);
    onOpenChange?.(next);
  };
  return (
    <>
      <button
        {...buttonProps}
        ref={buttonRef}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        data-state={open ? 'open' : 'closed'}
        onClick={() => setOpen(!open)}
      />
      {(wanted || open) && (
        <Suspense fallback={null}>
          <PopoverLayer anchorRef={buttonRef} open={open} onOpenChange={setOpen} contentProps={contentProps}>
            {open ? content : null}
          </PopoverLayer>
        </Suspense>
      )}
    </>
  );
});
