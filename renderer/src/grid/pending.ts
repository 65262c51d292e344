import type { GridRow } from '../../../shared/workbook/types';

/** A row as the grid knows it: a stored row, or one typed into the new-row line that the core has not confirmed yet. */
export type RowRef = { kind: 'row'; id: string } | { kind: 'tmp'; tmp: number };

export interface DisplayRow {
  key: string;
  ref: RowRef;
  cells: Readonly<Record<string, string>>;
  /** Texts typed but not yet confirmed, shown as typed until the reload replaces them. */
  typed: Readonly<Record<string, string>> | null;
}

interface Overlay {
  id: number;
  ref: RowRef;
  col: string;
  text: string;
}

/**
 * Optimistic edits: what the clerk committed is shown at once while the change waits its turn in the
 * session queue, so fast typing (Tab, Tab, Enter) never waits for the disk.
 */
export class PendingEdits {
  private nextId = 1;
  private tmpRows: number[] = [];
  private readonly tmpIds = new Map<number, string>();
  private readonly deadTmp = new Set<number>();
  private overlays: Overlay[] = [];
  /** Bumped on every mutation, so views can cache what they derive from it. */
  version = 0;

  get isEmpty(): boolean {
    return this.tmpRows.length === 0 && this.overlays.length === 0;
  }

  addTmpRow(): number {
    const tmp = this.nextId++;
    this.tmpRows.push(tmp);
    this.version++;
    return tmp;
  }

  /** The core created the row: later edits of the temporary row go to the stored one. */
  confirmTmpRow(tmp: number, rowId: string | undefined): void {
    this.tmpRows = this.tmpRows.filter((t) => t !== tmp);
    this.version++;
    if (rowId) this.tmpIds.set(tmp, rowId);
    else this.dropTmpRow(tmp);
  }

  dropTmpRow(tmp: number): void {
    this.tmpRows = this.tmpRows.filter((t) => t !== tmp);
    this.deadTmp.add(tmp);
    this.version++;
    this.overlays = this.overlays.filter((o) => !(o.ref.kind === 'tmp' && o.ref.tmp === tmp));
  }

  addOverlay(ref: RowRef, col: string, text: string): number {
    const id = this.nextId++;
    this.overlays.push({ id, ref, col, text });
    this.version++;
    return id;
  }

  removeOverlay(id: number): void {
    this.removeOverlays([id]);
  }

  /** In one pass: clearing a whole column of a long table leaves tens of thousands of overlays. */
  removeOverlays(ids: Iterable<number>): void {
    const drop = new Set(ids);
    this.overlays = this.overlays.filter((o) => !drop.has(o.id));
    this.version++;
  }

  /** The stored id a reference stands for now; null while unknown or after its row failed to be created. */
  resolve(ref: RowRef): string | null {
    if (ref.kind === 'row') return ref.id;
    if (this.deadTmp.has(ref.tmp)) return null;
    return this.tmpIds.get(ref.tmp) ?? null;
  }

  private key(ref: RowRef): string {
    if (ref.kind === 'row') return ref.id;
    return this.tmpIds.get(ref.tmp) ?? `tmp:${ref.tmp}`;
  }

  display(rows: readonly GridRow[]): DisplayRow[] {
    const out: DisplayRow[] = rows.map((r) => ({ key: r.id, ref: { kind: 'row', id: r.id }, cells: r.cells, typed: null }));
    for (const tmp of this.tmpRows) out.push({ key: `tmp:${tmp}`, ref: { kind: 'tmp', tmp }, cells: {}, typed: null });
    if (this.overlays.length === 0) return out;
    const index = new Map(out.map((d, i) => [d.key, i]));
    for (const o of this.overlays) {
      const at = index.get(this.key(o.ref));
      if (at === undefined) continue;
      const row = out[at]!;
      out[at] = { ...row, typed: { ...row.typed, [o.col]: o.text } };
    }
    return out;
  }
}
