import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type ComponentType,
  type CSSProperties,
  type DragEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { DropzoneBindingProps, DropzoneBindingState } from '../components/dropzone-binding.tsx';

// Should the chunk fail to load (a dropped connection), the drop zone keeps working on its own rather than failing the tray.
const DropzoneBinding = lazy((): Promise<{ default: ComponentType<DropzoneBindingProps> }> =>
  import('../components/dropzone-binding.tsx').catch(() => ({ default: () => null })),
);

/** Hidden but focusable and in flow, as react-dropzone's getInputProps styles its input (so nothing moves when it loads). */
const HIDDEN_INPUT_STYLE: CSSProperties = { border: 0, display: 'block', height: 0, margin: 0, opacity: 0, overflow: 'hidden', padding: 0, width: 0 };

interface LazyDropzoneOptions {
  /** Every file dropped or chosen in the dialog (the caller refuses what it cannot take). */
  onFiles: (files: File[]) => void;
  /** Runs first on the drop zone's dragover; `event.stopPropagation()` keeps the drop zone out of it. */
  onDragOver?: (event: DragEvent<HTMLElement>) => void;
  /** Runs first on the drop zone's drop (e.g. a gallery image); `event.stopPropagation()` keeps the drop zone out of it. */
  onDrop?: (event: DragEvent<HTMLElement>) => void;
}

/** Spread on the drop zone element and its file input; render `binding` anywhere inside the component. */
export interface LazyDropzone {
  rootProps: {
    ref: RefObject<HTMLDivElement | null>;
    onDragEnter: (event: DragEvent<HTMLElement>) => void;
    onDragOver: (event: DragEvent<HTMLElement>) => void;
    onDragLeave: (event: DragEvent<HTMLElement>) => void;
    onDrop: (event: DragEvent<HTMLElement>) => void;
  };
  inputProps: {
    ref: RefObject<HTMLInputElement | null>;
    type: 'file';
    multiple: true;
    tabIndex: -1;
    style: CSSProperties;
    onChange: (event: ChangeEvent<HTMLInputElement>) => void;
    onClick: (event: MouseEvent<HTMLInputElement>) => void;
  };
  /** Files are being dragged over the drop zone. */
  isDragActive: boolean;
  /** Opens the file dialog (at once, from the click that asked for it). */
  open: () => void;
  /** Mounts react-dropzone once it is wanted; renders nothing visible. */
  binding: ReactNode;
}

function carriesFiles(dataTransfer: DataTransfer | null): boolean {
  return dataTransfer?.types.includes('Files') ?? false;
}

/**
 * A file drop zone whose library (react-dropzone) is not in the first download: it loads on the first drag over the
 * page or the drop zone, or the first Browse. Until it has loaded, the same elements work on their own: a drop takes
 * `dataTransfer.files` during the event (the DataTransfer is empty afterwards), Browse clicks the file input (the
 * dialog opens from the user's click), and a file dropped outside the drop zone does not open in the tab.
 * The files go to `onFiles` either way, so the caller's checks (accepted types, the reference limit) are the same.
 */
export function useLazyDropzone(options: LazyDropzoneOptions): LazyDropzone {
  const optionsRef = useRef(options);
  useLayoutEffect(() => {
    optionsRef.current = options;
  });
  const rootRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [wanted, setWanted] = useState(false);
  const [bound, setBound] = useState<DropzoneBindingState | null>(null);
  // A drag that entered before react-dropzone had loaded: it never saw that dragenter, so the highlight is kept here.
  const [earlyDragActive, setEarlyDragActive] = useState(false);
  const onFiles = useCallback((files: File[]) => optionsRef.current.onFiles(files), []);

  useEffect(() => {
    if (bound) return;
    const onDragEnter = () => setWanted(true);
    // As react-dropzone does once loaded: the page is a drop target, so a file let go beside the tray is not opened.
    const onDragOver = (event: globalThis.DragEvent) => event.preventDefault();
    const onDrop = (event: globalThis.DragEvent) => {
      event.preventDefault();
      setEarlyDragActive(false);
    };
    document.addEventListener('dragenter', onDragEnter);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('dragenter', onDragEnter);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('drop', onDrop);
    };
  }, [bound]);

  // Once loaded, the elements carry react-dropzone's own refs (React moves them; nothing is copied by hand).
  const currentRootRef = bound?.rootRef ?? rootRef;
  const currentInputRef = bound?.inputRef ?? inputRef;
  const rootProps: LazyDropzone['rootProps'] = {
    ref: currentRootRef,
    onDragEnter(event) {
      setWanted(true);
      if (bound) bound.onDragEnter(event);
      else if (carriesFiles(event.dataTransfer)) {
        event.preventDefault();
        setEarlyDragActive(true);
      }
    },
    onDragOver(event) {
      optionsRef.current.onDragOver?.(event);
      if (event.isPropagationStopped()) return;
      if (bound) bound.onDragOver(event);
      else if (carriesFiles(event.dataTransfer)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }
    },
    onDragLeave(event) {
      if (!(event.relatedTarget instanceof Node && currentRootRef.current?.contains(event.relatedTarget))) setEarlyDragActive(false);
      bound?.onDragLeave(event);
    },
    onDrop(event) {
      setEarlyDragActive(false);
      optionsRef.current.onDrop?.(event);
      if (event.isPropagationStopped()) return;
      if (bound) {
        bound.onDrop(event);
        return;
      }
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      event.stopPropagation();
      onFiles(Array.from(event.dataTransfer.files));
    },
  };

  const inputProps: LazyDropzone['inputProps'] = {
    ref: currentInputRef,
    type: 'file',
    multiple: true,
    tabIndex: -1,
    style: HIDDEN_INPUT_STYLE,
    onClick(event) {
      setWanted(true);
      if (bound) bound.onInputClick(event);
      else event.stopPropagation();
    },
    onChange(event) {
      if (bound) {
        bound.onInputChange(event);
        return;
      }
      onFiles(Array.from(event.target.files ?? []));
    },
  };

  function open() {
    setWanted(true);
    if (bound) bound.open();
    else if (inputRef.current) {
      inputRef.current.value = '';
      inputRef.current.click();
    }
  }

  return {
    rootProps,
    inputProps,
    isDragActive: (bound?.isDragActive ?? false) || earlyDragActive,
    open,
    binding: wanted ? (
      <Suspense fallback={null}>
        <DropzoneBinding onFiles={onFiles} onState={setBound} />
      </Suspense>
    ) : null,
  };
}
