import { memo, useCallback, useLayoutEffect, type ChangeEvent, type DragEvent, type MouseEvent, type RefObject } from 'react';
import { useDropzone, type FileRejection } from 'react-dropzone';

/** What the tray needs from react-dropzone once it has loaded: its handlers, refs, whether files are dragged over, and open(). */
export interface DropzoneBindingState {
  onDragEnter: (event: DragEvent<HTMLElement>) => void;
  onDragOver: (event: DragEvent<HTMLElement>) => void;
  onDragLeave: (event: DragEvent<HTMLElement>) => void;
  onDrop: (event: DragEvent<HTMLElement>) => void;
  onInputChange: (event: ChangeEvent<HTMLInputElement>) => void;
  onInputClick: (event: MouseEvent<HTMLInputElement>) => void;
  /** react-dropzone's refs, to put on the drop zone element and its file input (it reads them in its handlers). */
  rootRef: RefObject<HTMLDivElement | null>;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Files are being dragged over the drop zone. */
  isDragActive: boolean;
  /** Opens the file dialog. */
  open: () => void;
}

/** The binding's props: both are stable (the binding renders only when its own state changes). */
export interface DropzoneBindingProps {
  /** Every file dropped or chosen, accepted or not (the tray's own checks refuse what it cannot take). Stable. */
  onFiles: (files: File[]) => void;
  /** Receives the handlers after each change, and `null` when this unmounts. Stable (a state setter). */
  onState: (state: DropzoneBindingState | null) => void;
}

/**
 * react-dropzone (with file-selector, about 5 KB gzipped) for the tray's existing drop zone, loaded on the first
 * drag or Browse (use-lazy-dropzone.tsx). It renders nothing: it hands its handlers and refs to the tray, so the tray's
 * elements (and the focus in them) stay as they are when it arrives. Memoised: it renders only when its own state changes.
 */
function DropzoneBinding({ onFiles, onState }: DropzoneBindingProps) {
  const onDrop = useCallback(
    (accepted: File[], rejected: FileRejection[]) => onFiles([...accepted, ...rejected.map((rejection) => rejection.file)]),
    [onFiles],
  );
  const { getRootProps, getInputProps, rootRef, inputRef, isDragActive, open } = useDropzone({
    onDrop,
    noClick: true,
    noKeyboard: true,
    noPaste: true,
    multiple: true,
  });
  useLayoutEffect(() => {
    const root = getRootProps();
    const input = getInputProps();
    onState({
      onDragEnter: (event) => root.onDragEnter?.(event),
      onDragOver: (event) => root.onDragOver?.(event),
      onDragLeave: (event) => root.onDragLeave?.(event),
      onDrop: (event) => root.onDrop?.(event),
      onInputChange: (event) => input.onChange?.(event),
      onInputClick: (event) => input.onClick?.(event),
      rootRef: rootRef as RefObject<HTMLDivElement | null>,
      inputRef,
      isDragActive,
      open,
    });
  }, [getRootProps, getInputProps, rootRef, inputRef, isDragActive, open, onState]);
  useLayoutEffect(() => () => onState(null), [onState]);
  return null;
}

export default memo(DropzoneBinding);
