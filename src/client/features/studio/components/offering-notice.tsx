import { useEffect } from 'react';
import { Info, X } from 'lucide-react';
import { useStudioStore } from '../stores/studio-store.ts';

/**
 * The polite notice under the model picker: which values a model or provider
 * switch changed (named once; the controls carry a "was …" mark), and other
 * short confirmations of the form.
 */
export function OfferingNotice() {
  const notice = useStudioStore((state) => state.notice);
  const dismiss = useStudioStore((state) => state.dismissNotice);
  useEffect(() => {
    // A switch notice stays until the controls it names are touched (or it is dismissed); others fade.
    if (!notice || notice.kind === 'offering') return;
    const timer = window.setTimeout(dismiss, 12_000);
    return () => window.clearTimeout(timer);
  }, [notice, dismiss]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="empty:absolute">
      {notice && (
        <div
          key={notice.id}
          className="flex items-start gap-2 rounded-md border border-sky-500/30 bg-sky-500/10 px-2.5 py-2 text-[12px] leading-snug text-sky-100"
        >
          <Info size={14} className="mt-px shrink-0 text-sky-300" aria-hidden />
          <ul className="min-w-0 flex-1 space-y-0.5">
            {notice.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <button
            type="button"
            aria-label="Dismiss notice"
            onClick={dismiss}
            className="rounded p-0.5 text-sky-300/70 hover:text-sky-100 focus-visible:outline-2 focus-visible:outline-accent"
          >
            <X size={13} />
          </button>
        </div>
      )}
    </div>
  );
}
