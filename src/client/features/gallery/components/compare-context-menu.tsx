import * as ContextMenu from '@radix-ui/react-context-menu';
import { FlaskConical } from 'lucide-react';

/** Right click (or the menu key) on a result: "Compare across models". */
export default function CompareContextMenu({ children, onCompare }: { children: React.ReactElement; onCompare: () => void }) {
  return (
    <ContextMenu.Root>
      <ContextMenu.Trigger asChild>{children}</ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content className="z-50 min-w-[200px] rounded-lg border border-line-strong bg-zinc-900 p-1 shadow-2xl shadow-black/50">
          <ContextMenu.Item
            onSelect={onCompare}
            className={
              'flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-[12.5px] text-zinc-200 outline-none ' +
              'data-[highlighted]:bg-zinc-800 data-[highlighted]:text-white'
            }
          >
            <FlaskConical size={14} aria-hidden /> Compare across models
          </ContextMenu.Item>
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}
