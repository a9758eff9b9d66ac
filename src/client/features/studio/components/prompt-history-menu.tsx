import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { History } from 'lucide-react';
import { HISTORY_BUTTON_CLASS } from './prompt-field.tsx';

/** The prompt history as a menu (Radix DropdownMenu, loaded on its own chunk). */
export default function PromptHistoryMenu({ history, onChoose }: { history: string[]; onChoose: (entry: string, index: number) => void }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger disabled={history.length === 0} className={HISTORY_BUTTON_CLASS}>
        <History size={13} aria-hidden /> Prompt history
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 max-h-80 w-[min(420px,80vw)] overflow-y-auto rounded-lg border border-line-strong bg-zinc-900 p-1 shadow-2xl shadow-black/50"
        >
          {history.map((entry, index) => (
            <DropdownMenu.Item
              key={entry}
              onSelect={() => onChoose(entry, index)}
              className={
                'cursor-pointer rounded px-2 py-1.5 text-[12px] leading-snug text-zinc-300 ' +
                'outline-none data-[highlighted]:bg-zinc-800 data-[highlighted]:text-white'
              }
            >
              <span className="line-clamp-2">{entry}</span>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
