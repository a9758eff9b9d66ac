import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { History } from 'lucide-react';
import clsx from 'clsx';
import type { Offering } from '../../../../catalog/types.ts';
import { useStudioStore } from '../stores/studio-store.ts';

/** Whether to show ⌘ rather than Ctrl (Cmd+Enter and Ctrl+Enter both work everywhere). */
/** `navigator.userAgentData` (Chromium), not yet in TypeScript's DOM types. */
type NavigatorWithUserAgentData = Navigator & { userAgentData?: { platform: string } };
const IS_MAC =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test((navigator as NavigatorWithUserAgentData).userAgentData?.platform ?? navigator.userAgent);

const PromptHistoryMenu = lazy(() => import('./prompt-history-menu.tsx'));

/** What the history button looks like while its menu code loads. */
function HistoryButtonFallback({ disabled }: { disabled: boolean }) {
  return (
    <button type="button" disabled={disabled} className={HISTORY_BUTTON_CLASS}>
      <History size={13} aria-hidden /> Prompt history
    </button>
  );
}

/** The history button's classes, shared with its lazily loaded menu version. */
export const HISTORY_BUTTON_CLASS =
  'inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11.5px] text-zinc-400 hover:bg-zinc-800 ' +
  'hover:text-zinc-100 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-accent';

interface PromptFieldProps {
  offering: Offering;
  /** Ctrl/Cmd+Enter. */
  onSubmit: () => void;
  /** The validation message for the prompt, if any. */
  issue: string | null;
}

/**
 * "Prompt": a textarea with a character count against the offering's limits
 * (`prompt.min`..`prompt.max`, in UTF-16 code units), Ctrl/Cmd+Enter to
 * generate, and the prompt history on ArrowUp/ArrowDown (at the start/end of
 * the text) or from the history menu.
 */
export function PromptField({ offering, onSubmit, issue }: PromptFieldProps) {
  const prompt = useStudioStore((state) => state.prompt);
  const editing = useStudioStore((state) => state.editing !== null);
  const history = useStudioStore((state) => state.promptHistory);
  const setSetting = useStudioStore((state) => state.setSetting);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  /** -1: editing the draft; otherwise the history index being shown. */
  const [historyIndex, setHistoryIndex] = useState(-1);
  const draftRef = useRef('');
  // The prompt is where a designer starts: focused on load, unless something else already has focus.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) textareaRef.current?.focus({ preventScroll: true });
  }, []);

  const { min, max } = offering.prompt;
  const length = prompt.length;
  const tooLong = max !== null && length > max;
  const tooShort = length > 0 && length < min;

  function showHistoryEntry(index: number) {
    if (index === -1) {
      setSetting('prompt', draftRef.current);
    } else {
      const entry = history[index];
      if (entry === undefined) return;
      if (historyIndex === -1) draftRef.current = prompt;
      setSetting('prompt', entry);
    }
    setHistoryIndex(index);
    requestAnimationFrame(() => {
      const element = textareaRef.current;
      if (element) element.setSelectionRange(element.value.length, element.value.length);
    });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
      return;
    }
    const element = event.currentTarget;
    const collapsed = element.selectionStart === element.selectionEnd;
    if (event.key === 'ArrowUp' && collapsed && element.selectionStart === 0 && !event.shiftKey && history.length > 0) {
      const next = Math.min(history.length - 1, historyIndex + 1);
      if (next !== historyIndex) {
        event.preventDefault();
        showHistoryEntry(next);
      }
    } else if (event.key === 'ArrowDown' && collapsed && element.selectionEnd === element.value.length && historyIndex >= 0 && !event.shiftKey) {
      event.preventDefault();
      showHistoryEntry(historyIndex - 1);
    }
  }

  return (
    <div>
      <div className="mb-1.5 flex items-center justify-between">
        <label htmlFor="studio-prompt" className="text-[12px] font-medium text-zinc-300">
          Prompt
        </label>
        {/* The menu's code (Radix DropdownMenu) loads once there is a history to show: never on a first visit. */}
        {history.length === 0 ? (
          <HistoryButtonFallback disabled />
        ) : (
          <Suspense fallback={<HistoryButtonFallback disabled={false} />}>
            <PromptHistoryMenu
              history={history}
              onChoose={(entry, index) => {
                draftRef.current = prompt;
                setSetting('prompt', entry);
                setHistoryIndex(index);
                textareaRef.current?.focus();
              }}
            />
          </Suspense>
        )}
      </div>
      <div className={clsx('rounded-md border bg-raised focus-within:border-accent/70', tooLong || tooShort ? 'border-red-500/60' : 'border-line')}>
        <textarea
          ref={textareaRef}
          id="studio-prompt"
          value={prompt}
          rows={4}
          placeholder={
            editing
              ? 'Describe the change: “same, but at night”, “move the logo left”, “now in 4:5”…'
              : 'Describe the image. Refer to references as “reference image 1”, “reference image 2”…'
          }
          aria-describedby="studio-prompt-count studio-prompt-help"
          aria-invalid={tooLong || tooShort || undefined}
          onChange={(event) => {
            setSetting('prompt', event.target.value);
            setHistoryIndex(-1);
          }}
          onKeyDown={handleKeyDown}
          className={
            'block max-h-[40vh] min-h-[88px] w-full resize-y bg-transparent px-2.5 py-2 ' +
            'text-[13px] leading-relaxed text-zinc-100 placeholder:text-zinc-600 focus:outline-none'
          }
        />
        <div className="flex items-center justify-between gap-2 whitespace-nowrap border-t border-line/70 px-2.5 py-1 text-[11px] text-zinc-500">
          <span id="studio-prompt-help" className="min-w-0 truncate">
            <kbd className="font-sans">{IS_MAC ? '⌘' : 'Ctrl'}</kbd>+<kbd className="font-sans">Enter</kbd>
            {' to generate · '}
            <kbd className="font-sans">↑</kbd> history
          </span>
          <span id="studio-prompt-count" className={clsx('shrink-0 tabular', (tooLong || tooShort) && 'text-red-400')}>
            {length.toLocaleString('en-US')}
            {max !== null ? ` / ${max.toLocaleString('en-US')}` : ''}
            <span className="sr-only"> characters{min > 1 ? `, at least ${min}` : ''}</span>
          </span>
        </div>
      </div>
      {issue && prompt.length > 0 && <p className="mt-1 text-[11.5px] text-red-400">{issue}</p>}
    </div>
  );
}
