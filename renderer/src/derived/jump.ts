/**
 * A row the entry grid should select when it next shows its table (drill-down "go to this line"). Kept
 * outside React so the grid, mounted after navigation, can pick it up without plumbing through the page.
 */
let wanted: { tableId: string; rowId: string } | null = null;

export function requestJump(tableId: string, rowId: string): void {
  wanted = { tableId, rowId };
}

/** The row wanted in this table, if any; cleared once the grid has shown it. */
export function pendingJump(tableId: string): string | null {
  return wanted?.tableId === tableId ? wanted.rowId : null;
}

export function clearJump(): void {
  wanted = null;
}
