import { useEffect } from 'react';
import { X } from 'lucide-react';
import { useToastStore, type Toast } from './toaster.tsx';

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

/** The toasts, newest last (rendered inside the Toaster's live region; loaded with the first toast). */
export default function ToastList() {
  const toasts = useToastStore((state) => state.toasts);
  return toasts.map((toast) => <ToastItem key={toast.id} toast={toast} />);
}
