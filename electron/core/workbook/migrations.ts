import type Database from 'better-sqlite3';

/**
 * Numbered schema migrations. Each runs inside the one transaction that also bumps user_version,
 * so a file is either fully at version N or untouched. Never edit a released migration: add one.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'initial: meta, grid rows, undo history',
    up(db) {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE grid_rows (
          id TEXT PRIMARY KEY,
          table_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          cells TEXT NOT NULL CHECK (json_valid(cells))
        ) STRICT;
        CREATE INDEX grid_rows_by_table ON grid_rows (table_id, position);
        CREATE TABLE history (
          seq INTEGER PRIMARY KEY,
          label TEXT NOT NULL,
          forward TEXT NOT NULL,
          backward TEXT NOT NULL,
          undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
          created_at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;

/** Marks our files among SQLite databases ("BDWB"), so a foreign .sqlite is refused, not altered. */
export const APPLICATION_ID = 0x42445742;
