import { memo, useCallback, useLayoutEffect, type ChangeEvent, type DragEvent, type MouseEvent, type RefObject } from 'react';
import { useDropzone, type FileRejection } from 'react-dropzone';

/** What the tray needs from react-dropzone once it has loaded: its handlers, whether files are dragged over, and open(). */
export interface DropzoneBindingState {
  onDragEnter: (event: DragEvent<HTMLElement>) => void;
  onDragOver: (event: DragEvent<HTMLElement>) => void;
  onDragLeave: (event: DragEvent<HTMLElement>) => void;
  onDrop: (event: DragEvent<HTMLElement>) => void;
  onInputChange: (event: ChangeEvent<HTMLInputElement>) => void;
  onInputClick: (event: MouseEvent<HTMLInputElement>) => void;
  /** Files are being dragged over the drop zone. */
  isDragActive: boolean;
  /** Opens the file dialog. */
  open: () => void;
}

interface DropzoneBindingProps {
  /** The drop zone element and its file input, rendered by the tray (they exist before react-dropzone has loaded). */
  rootRef: RefObject<HTMLElement | null>;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Every file dropped or chosen, accepted or not (the tray's own checks refuse what it cannot take). Stable. */
  onFiles: (files: File[]) => void;
  /** Receives the handlers after each change, and `null` when this unmounts. Stable (a state setter). */
  onState: (state: DropzoneBindingState | null) => void;
}

/**
 * react-dropzone (with file-selector, about 5 KB gzipped) bound to the tray's existing drop zone, loaded on the first
 * drag or Browse (use-lazy-dropzone.ts). It renders nothing: it hands its handlers to the tray, so the tray's elements
 * (and the focus in them) stay as they are when it arrives. Memoised, so it renders only when its own state changes.
 */
function DropzoneBinding({ rootRef, inputRef, onFiles, onState }: DropzoneBindingProps) {
  const onDrop = useCallback(
    (accepted: File[], rejected: FileRejection[]) => onFiles([...accepted, ...rejected.map((rejection) => rejection.file)]),
    [onFiles],
  );
  const dropzone = useDropzone({ onDrop, noClick: true, noKeyboard: true, noPaste: true, multiple: true });
  const { getRootProps, getInputProps, isDragActive, open } = dropzone;
  useLayoutEffect(() => {
    dropzone.rootRef.current = rootRef.current as HTMLElement;
    dropzone.inputRef.current = inputRef.current as HTMLInputElement;
  });
  useLayoutEffect(() => {
    const root = getRootProps();
    const input = getInputProps();
    onState({
      onDragEnter: root.onDragEnter!,
      onDragOver: root.onDragOver!,
      onDragLeave: root.onDragLeave!,
      onDrop: root.onDrop!,
      onInputChange: input.onChange!,
      onInputClick: input.onClick!,
      isDragActive,
      open,
    });
  }, [getRootProps, getInputProps, isDragActive, open, onState]);
  useLayoutEffect(() => () => onState(null), [onState]);
  return null;
}

export default memo(DropzoneBinding);
