import type { ArchiveBook, Archives } from '../ports/archive';
import { MemoryGrid } from './grid';

/** Archive spreadsheets in memory (tests): made, opened by id, or gone (`lose`, as when one is deleted). */
export class MemoryArchives implements Archives {
  readonly books = new Map<string, MemoryGrid>();
  saves = 0;
  private made = 0;

  open(id: string): ArchiveBook | null {
    const grid = this.books.get(id);
    return grid ? { grid, save: () => void this.saves++ } : null;
  }

  create(name: string): { id: string; url: string } {
    const id = `archive-${++this.made}`;
    this.books.set(id, new MemoryGrid());
    return { id, url: `memory://${id}/${encodeURIComponent(name)}` };
  }

  lose(id: string): void {
    this.books.delete(id);
  }
}
