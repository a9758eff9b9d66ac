import type { ReactNode } from 'react';

/** Props of `GridFrame`. */
export interface GridFrameProps {
  /** Cells per row. */
  columns: number;
  /** Labels above the columns and beside the rows; empty for a plain list. */
  columnLabels: string[];
  rowLabels: string[];
  /** The cells, row-major. */
  children: ReactNode[];
  /** Accessible name of the grid. */
  label: string;
  /** Widest a cell grows, px (so a 2 x 2 grid fits one screen). */
  maxCellWidth?: number;
}

/** Lays cells out in rows and columns with the axis labels on top and at the left. */
export function GridFrame({ columns, columnLabels, rowLabels, children, label, maxCellWidth = 340 }: GridFrameProps) {
  const hasRowLabels = rowLabels.length > 0;
  const template = `${hasRowLabels ? 'minmax(84px, max-content) ' : ''}repeat(${columns}, minmax(0, ${maxCellWidth}px))`;
  const rows: ReactNode[][] = [];
  children.forEach((child, index) => {
    const row = Math.floor(index / columns);
    (rows[row] ??= []).push(child);
  });
  return (
    <div role="group" aria-label={label} className="grid gap-3" style={{ gridTemplateColumns: template }}>
      {columnLabels.length > 0 && (
        <>
          {hasRowLabels && <span aria-hidden />}
          {columnLabels.map((column, index) => (
            <div key={`${column}-${index}`} className="truncate text-center text-[12px] font-semibold text-accent">
              {column}
            </div>
          ))}
        </>
      )}
      {rows.map((cells, row) => (
        <div key={row} className="contents">
          {hasRowLabels && <div className="self-center pr-1 text-[12px] font-semibold text-accent">{rowLabels[row] ?? ''}</div>}
          {cells}
        </div>
      ))}
    </div>
  );
}
