import { useRef, type RefObject } from 'react';
import * as Popover from '@radix-ui/react-popover';
import type { PopoverContentProps } from './popover-button.tsx';

/** What PopoverButton hands its lazily loaded layer. */
export interface PopoverLayerProps {
  /** The always-visible button the content is placed against (and focus returns to). */
  anchorRef: RefObject<HTMLButtonElement | null>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  contentProps: PopoverContentProps;
  children: React.ReactNode;
}

/**
 * Radix Popover's content, anchored to PopoverButton's plain button: loaded as its own chunk on the first open,
 * so no popover code is in the studio's first download. Escape, a click outside and Tab behave as with a Radix
 * trigger: focus goes back to the button unless the user clicked elsewhere; a click on the button itself toggles.
 */
export default function PopoverLayer({ anchorRef, open, onOpenChange, contentProps, children }: PopoverLayerProps) {
  const interactedOutside = useRef(false);
  const { arrowClassName, ...placement } = contentProps;
  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Anchor virtualRef={anchorRef} />
      <Popover.Portal>
        <Popover.Content
          {...placement}
          onOpenAutoFocus={() => {
            interactedOutside.current = false;
          }}
          onInteractOutside={(event) => {
            if (event.target instanceof Node && anchorRef.current?.contains(event.target)) event.preventDefault();
            else interactedOutside.current = true;
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (!interactedOutside.current) anchorRef.current?.focus();
          }}
        >
          {children}
          {arrowClassName !== undefined && <Popover.Arrow className={arrowClassName} />}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
