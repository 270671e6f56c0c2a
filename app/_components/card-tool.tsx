'use client';

import { useState, type ReactNode } from 'react';
import tool from './card-tool.module.css';

/**
 * A card's optional tool ("Say it", "Strokes"): a toggle button, and its panel below the card
 * once opened. The panel is rendered, and so its lazily imported code loaded, only when opened.
 */
export function CardTool({
  label,
  description,
  children,
}: {
  label: string;
  /** The button's accessible name: what the tool does for this phrase. */
  description: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <span className={tool.tool}>
      <button
        type="button"
        className={tool.button}
        aria-expanded={open}
        onClick={() => setOpen((shown) => !shown)}
        aria-label={description}
      >
        {label}
      </button>
      {open && children}
    </span>
  );
}
