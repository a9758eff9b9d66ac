import { lazy, Suspense } from 'react';
import { create } from 'zustand';

// The toasts' view loads with the first toast; the store and the live region are in the first download.
const ToastList = lazy(() => import('./toast-list.tsx'));

/** A short message at the bottom of the screen, with an optional action ("Undo"). */
export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; onAction: () => void };
  /** ms before it goes; `null` stays until dismissed. */
  duration: number | null;
}

/** The toasts on screen and the two ways to change them. */
export interface ToastState {
  toasts: Toast[];
  show: (toast: Omit<Toast, 'id' | 'duration' | 'tone'> & Partial<Pick<Toast, 'duration' | 'tone'>>) => number;
  dismiss: (id: number) => void;
}

let toastCounter = 0;

/** Toasts for the whole studio. */
export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  show: (toast) => {
    toastCounter += 1;
    const id = toastCounter;
    set((state) => ({ toasts: [...state.toasts.slice(-3), { tone: 'info', duration: 4000, ...toast, id }] }));
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

/** Shows a toast from anywhere. */
export function showToast(text: string, options: Partial<Omit<Toast, 'id' | 'text'>> = {}): number {
  return useToastStore.getState().show({ text, ...options });
}

/** The live region that shows toasts (polite); it is there from the start, so screen readers announce the first toast. */
export function Toaster() {
  const hasToasts = useToastStore((state) => state.toasts.length > 0);
  return (
    <div aria-live="polite" className="pointer-events-none fixed bottom-4 left-1/2 z-[60] flex w-[min(440px,calc(100vw-2rem))] -translate-x-1/2 flex-col gap-2">
      {hasToasts && (
        <Suspense fallback={null}>
          <ToastList />
        </Suspense>
      )}
    </div>
  );
}
