import type { ColumnDef, HeaderNode, TableDef } from './schema.js';

/** One printed header cell, positioned on the header grid (0-based row/col). */
export interface HeaderCell {
  label: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Set on leaves: the column this cell heads. */
  key?: string;
}

function depth(nodes: HeaderNode[]): number {
  return nodes.reduce((max, n) => Math.max(max, 1 + (n.children ? depth(n.children) : 0)), 0);
}

function leafCount(node: HeaderNode): number {
  return node.children ? node.children.reduce((sum, c) => sum + leafCount(c), 0) : 1;
}

/** Lays out a merged header tree the way the official tables print it: leaves span down to the last header row. */
export function headerCells(header: HeaderNode[]): { rows: number; cells: HeaderCell[] } {
  const rows = depth(header);
  const cells: HeaderCell[] = [];
  const walk = (nodes: HeaderNode[], row: number, col: number): void => {
    let c = col;
    for (const node of nodes) {
      const span = leafCount(node);
      const cell: HeaderCell = { label: node.label, row, col: c, rowSpan: node.children ? 1 : rows - row, colSpan: span };
      if (node.key !== undefined) cell.key = node.key;
      cells.push(cell);
      if (node.children) walk(node.children, row + 1, c);
      c += span;
    }
  };
  walk(header, 0, 0);
  return { rows, cells };
}

export function headerLeafKeys(header: HeaderNode[]): string[] {
  const keys: string[] = [];
  const walk = (nodes: HeaderNode[]): void => {
    for (const n of nodes) {
      if (n.children) walk(n.children);
      else keys.push(n.key ?? '');
    }
  };
  walk(header);
  return keys;
}

/** The printed name of a column: its leaf label, prefixed by its group labels where the leaf alone is ambiguous. */
export function columnLabel(def: Pick<TableDef, 'header'>, key: string): string {
  const path: string[] = [];
  const find = (nodes: HeaderNode[], trail: string[]): boolean => {
    for (const n of nodes) {
      if (n.key === key && !n.children) {
        path.push(...trail, n.label);
        return true;
      }
      if (n.children && find(n.children, [...trail, n.label])) return true;
    }
    return false;
  };
  if (!find(def.header, [])) return key;
  return path[path.length - 1]!.replace(/\s+/g, '');
}

export function visibleColumns(def: Pick<TableDef, 'columns'>): ColumnDef[] {
  return def.columns.filter((c) => !c.hidden);
}

export function isNumericColumn(col: ColumnDef): boolean {
  return col.type === 'money' || col.type === 'number' || col.type === 'integer' || col.type === 'percent';
}

export interface TemplateVars {
  year: number;
  deptName: string;
  unitCode?: string;
  scope?: string;
  /** Repeated forms only: 1-based record position and the record's fields. */
  index?: number;
  item?: Record<string, string | undefined>;
}

/** Fills the placeholders listed in vocabulary.ts; unknown ones are left visible rather than hidden. */
export function fillTemplate(text: string, vars: TemplateVars): string {
  return text.replace(/\{(year|prevYear|deptName|unitCode|scope|index|item\.[A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    switch (name) {
      case 'year':
        return String(vars.year);
      case 'prevYear':
        return String(vars.year - 1);
      case 'deptName':
        return vars.deptName;
      case 'unitCode':
        return vars.unitCode ?? '';
      case 'scope':
        return vars.scope ?? '';
      case 'index':
        return vars.index === undefined ? whole : String(vars.index);
      default:
        return vars.item ? (vars.item[name.slice(5)] ?? '') : whole;
    }
  });
}
