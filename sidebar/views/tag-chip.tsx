/** A tag as a coloured chip. The colour comes from the Tags sheet (anyone may type anything there): it
 *  only ever reaches the page through element.style, and only when it reads as a colour. */
import type { TagView } from '../../src/services/views';
import type { ComponentChildren } from 'preact';

export interface ChipColours {
  background: string;
  border: string;
  text: string;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** '#1a73e8' → a chip in that colour with readable text; anything that is not a #rgb / #rrggbb colour
 *  → null (the chip keeps the stylesheet's grey). */
export function chipColours(colour: string | null | undefined): ChipColours | null {
  const value = String(colour ?? '').trim();
  if (!HEX.test(value)) return null;
  const hex = value.length === 4 ? '#' + [...value.slice(1)].map((c) => c + c).join('') : value;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return { background: hex.toLowerCase(), border: hex.toLowerCase(), text: luminance > 0.45 ? '#202124' : '#ffffff' };
}

/** The chip's style: its colours, or none (the stylesheet's grey). */
export function chipStyle(colour: string | null | undefined): Record<string, string> | undefined {
  const colours = chipColours(colour);
  return colours ? { backgroundColor: colours.background, borderColor: colours.border, color: colours.text } : undefined;
}

/** A tag as a coloured chip, with what goes in it after the name (a remove button). */
export function TagChip({ tag, testid, id, children }: { tag: Pick<TagView, 'name' | 'colour'>; testid?: string; id?: string; children?: ComponentChildren }) {
  return (
    <span class="tag" data-testid={testid} data-id={id} style={chipStyle(tag.colour)}>
      <span class="tag-name">{tag.name}</span>
      {children}
    </span>
  );
}
