import { useEffect } from 'react';
import { create } from 'zustand';
import { X } from 'lucide-react';

/** A short message at the bottom of the screen, with an optional action ("Undo"). */
export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; onAction: () => void };
  /** ms before it goes; `null` stays until dismissed. */
  duration: number | null;
}

interface ToastState {
  toasts: Toast[];
  show: (toast: Omit<Toast, 'id' | 'duration' | 'tone'> & Partial<Pick<Toast, 'duration' | 'tone'>>) => number;
  dismiss: (id: number) => void;
}

let toastCounter = 0;

/** Toasts for the whole studio. */
const useToastStore = create<ToastState>()((set) => ({
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

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToastStore((state) => state.dismiss);
  useEffect(() => {
    if (toast.duration === null) return;
    const timer = window.setTimeout(() => dismiss(toast.id), toast.duration);
    return () => window.clearTimeout(timer);
  }, [toast.id, toast.duration, dismiss]);
  return (
    <div
      className={
        'pointer-events-auto flex items-center gap-3 rounded-lg border px-3 py-2 text-[12.5px] shadow-xl shadow-black/40 ' +
        (toast.tone === 'error' ? 'border-red-500/40 bg-red-950/90 text-red-100' : 'border-line-strong bg-zinc-900/95 text-zinc-100')
      }
    >
      <span className="min-w-0 flex-1">{toast.text}</span>
      {toast.action && (
        <button
          type="button"
          className="rounded px-1.5 py-0.5 font-semibold text-accent hover:bg-white/5 focus-visible:outline-2 focus-visible:outline-accent"
          onClick={() => {
            toast.action?.onAction();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        aria-label="Dismiss"
        className="rounded p-0.5 text-zinc-500 hover:text-zinc-200 focus-visible:outline-2 focus-visible:outline-accent"
        onClick={() => dismiss(toast.id)}
      >
        <X size={14} />
      </button>
    </div>
  );
}

/** The live region that shows toasts (polite). */
export function Toaster() {
  const toasts = useToastStore((state) => state.toasts);
  return (
    <div aria-live="polite" className="pointer-events-none fixed bottom-4 left-1/2 z-[60] flex w-[min(440px,calc(100vw-2rem))] -translate-x-1/2 flex-col gap-2">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
