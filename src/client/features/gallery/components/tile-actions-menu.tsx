import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Download, FlaskConical, MoreHorizontal, PencilLine } from 'lucide-react';

interface TileActionsMenuProps {
  /** The image's URL (`/api/images/<id>`); Download asks for it with its settings inside. */
  imageUrl: string;
  /** Starts edit mode on this image. */
  onEdit: () => void;
  /** Starts an experiment from this result's prompt and references; omitted, the item is not shown. */
  onCompareAcrossModels?: () => void;
  /** In the Tab order only for the gallery's current tile (roving focus), like the tile itself. */
  tabIndex?: number | undefined;
}

/**
 * The "…" menu on a gallery image (Radix DropdownMenu: arrow keys, Enter,
 * Escape): Edit, Compare across models, and Download with the settings inside. Shown on hover and
 * focus; reachable with Tab right after its tile.
 */
export default function TileActionsMenu({ imageUrl, onEdit, onCompareAcrossModels, tabIndex }: TileActionsMenuProps) {
  const itemClass =
    'flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-[12.5px] text-zinc-200 ' +
    'outline-none data-[highlighted]:bg-zinc-800 data-[highlighted]:text-white';
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        aria-label="Image actions"
        tabIndex={tabIndex}
        className={
          'absolute right-1.5 top-1.5 z-10 rounded-md border border-white/10 bg-black/70 p-1 text-zinc-200 opacity-0 transition-opacity hover:text-white ' +
          'focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-accent group-hover/tile:opacity-100 data-[state=open]:opacity-100'
        }
      >
        <MoreHorizontal size={14} aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-[170px] rounded-md border border-line bg-panel p-1 shadow-xl shadow-black/60">
          <DropdownMenu.Item className={itemClass} onSelect={onEdit}>
            <PencilLine size={14} aria-hidden /> Edit
          </DropdownMenu.Item>
          {onCompareAcrossModels && (
            <DropdownMenu.Item className={itemClass} onSelect={onCompareAcrossModels}>
              <FlaskConical size={14} aria-hidden /> Compare across models
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Item className={itemClass} asChild>
            <a href={`${imageUrl}?download=1`} download>
              <Download size={14} aria-hidden /> Download
            </a>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
