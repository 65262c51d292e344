import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupNow } from '../../electron/core/backups.js';
import { APPLICATION_ID, LATEST_VERSION, migrations, type Migration } from '../../electron/core/workbook/migrations.js';
import { migrate, openWorkbookDb } from '../../electron/core/workbook/open.js';
import { callErr, callOk, createWorkbook } from '../helpers/core.js';
import { readBytes } from '../helpers/files.js';
import { useTempDirs } from '../helpers/hooks.js';

const temp = useTempDirs();

interface Schema {
  /** table name → column names in order */
  tables: Record<string, string[]>;
  indexes: string[];
}

/**
 * The schema a database must have after migrating an empty file up to each version.
 * Adding a migration without adding its entry here fails the test below.
 */
const expectedSchemas: Record<number, Schema> = {
  1: {
    tables: {
      meta: ['key', 'value'],
      grid_rows: ['id', 'table_id', 'position', 'cells'],
      history: ['seq', 'label', 'forward', 'backward', 'undone', 'created_at'],
    },
    indexes: ['grid_rows_by_table'],
  },
};

function schemaOf(db: Database.Database): Schema {
  const objects = db.prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { type: string; name: string }[];
  const tables: Record<string, string[]> = {};
  for (const o of objects.filter((x) => x.type === 'table')) {
    tables[o.name] = (db.pragma(`table_info(${o.name})`) as { name: string }[]).map((c) => c.name);
  }
  return { tables, indexes: objects.filter((o) => o.type === 'index').map((o) => o.name) };
}

function versionOf(db: Database.Database): { user: number; app: number } {
  return { user: db.pragma('user_version', { simple: true }) as number, app: db.pragma('application_id', { simple: true }) as number };
}

/** Reads a file's version and schema without changing it. */
function inspect(file: string): { user: number; app: number; schema: Schema; rows: unknown[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const schema = schemaOf(db);
    const rows = schema.tables.grid_rows ? db.prepare('SELECT * FROM grid_rows ORDER BY position').all() : [];
    return { ...versionOf(db), schema, rows };
  } finally {
    db.close();
  }
}

/** A test-only migration 2 on top of the real list (only valid while LATEST_VERSION is 1). */
function withMigration2(up: Migration['up']): Migration[] {
  return [...migrations, { version: LATEST_VERSION + 1, name: 'test migration', up }];
}

/** A workbook file at the current version holding one grid row and one meta key. */
function makeCurrentFile(dir: string): string {
  const file = path.join(dir, 'old.bdwb');
  const db = openWorkbookDb(file, { create: true });
  db.prepare("INSERT INTO meta (key, value) VALUES ('workbookId', '\"wb-1\"')").run();
  db.prepare("INSERT INTO grid_rows (id, table_id, position, cells) VALUES ('r1', 'zxzj-hz', 0, '{\"amount\":\"80000\",\"name\":\"值班工作经费\"}')").run();
  db.close();
  return file;
}

describe('migration list', () => {
  it('is numbered 1..N without gaps, and LATEST_VERSION is its last', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(migrations.length);
    expect(APPLICATION_ID).toBe(0x42445742);
  });

  for (const m of migrations) {
    it(`migration ${m.version} (${m.name}) on an empty database yields the expected schema`, () => {
      const expected = expectedSchemas[m.version];
      expect(expected, `add the expected schema for migration ${m.version} to expectedSchemas`).toBeDefined();
      const db = new Database(':memory:');
      try {
        migrate(db, 0, m.version);
        expect(versionOf(db)).toEqual({ user: m.version, app: APPLICATION_ID });
        expect(schemaOf(db)).toEqual(expected);
      } finally {
        db.close();
      }
    });

    it(`migration ${m.version} applied step by step equals applied at once`, () => {
      const stepwise = new Database(':memory:');
      const direct = new Database(':memory:');
      try {
        for (let v = 1; v <= m.version; v++) migrate(stepwise, v - 1, v);
        migrate(direct, 0, m.version);
        expect(versionOf(stepwise)).toEqual(versionOf(direct));
        expect(schemaOf(stepwise)).toEqual(schemaOf(direct));
      } finally {
        stepwise.close();
        direct.close();
      }
    });
  }

  it('a new file is created at LATEST_VERSION with our application_id, in WAL mode, with no migration backup', () => {
    const dir = temp.make();
    const file = path.join(dir, 'new.bdwb');
    let called = 0;
    const db = openWorkbookDb(file, { create: true, beforeMigrate: () => called++ });
    expect(versionOf(db)).toEqual({ user: LATEST_VERSION, app: APPLICATION_ID });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaOf(db)).toEqual(expectedSchemas[LATEST_VERSION]);
    db.close();
    expect(called).toBe(0);
  });
});

describe('opening files of other versions', () => {
  it('a file newer than this build is WORKBOOK_TOO_NEW and is not modified', async () => {
    const dir = temp.make();
    const core = temp.core(dir);
    const file = await createWorkbook(core);
    await callOk(core, 'workbook.close', { path: file });
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = readBytes(file);

    const err = await callErr(core, 'workbook.open', { path: file }, 'WORKBOOK_TOO_NEW');
    expect(err.message).toContain(`格式版本 ${LATEST_VERSION + 1}，本程序支持到 ${LATEST_VERSION}`);
    expect(err.message).toContain('请升级程序');
    expect(readBytes(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
    // Listing the library does not touch it either, and shows the problem.
    const list = await callOk(core, 'library.list', {});
    expect(list.workbooks.find((w) => w.path === file)?.problem).toContain('更新版本');
    expect(readBytes(file).equals(before)).toBe(true);
  });

  it('a newer file in rollback-journal mode is refused without being switched to WAL', () => {
    const dir = temp.make();
    const file = path.join(dir, 'future.bdwb');
    const raw = new Database(file);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma('user_version = 99');
    raw.exec('CREATE TABLE future_things (x)');
    raw.close();
    const before = readBytes(file);
    expect(() => openWorkbookDb(file, { create: false })).toThrow(expect.objectContaining({ code: 'WORKBOOK_TOO_NEW' }));
    expect(readBytes(file).equals(before)).toBe(true);
  });

  it('migrating an older file takes a backup of the old version first', () => {
    const dir = temp.make();
    const file = makeCurrentFile(dir);
    const backups = path.join(dir, 'backups');
    const events: string[] = [];
    let backupFile = '';
    const db = openWorkbookDb(file, {
      create: false,
      migrations: withMigration2((d) => {
        events.push('up');
        d.exec('CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT NOT NULL) STRICT; ALTER TABLE grid_rows ADD COLUMN note TEXT;');
      }),
      beforeMigrate: (handle, from) => {
        events.push(`backup from ${from}`);
        backupFile = backupNow(backups, handle, file, 'pre-migration');
      },
    });
    expect(events).toEqual([`backup from ${LATEST_VERSION}`, 'up']);
    expect(versionOf(db).user).toBe(LATEST_VERSION + 1);
    db.close();

    expect(path.dirname(backupFile)).toBe(path.join(backups, 'wb-1'));
    expect(readdirSync(path.join(backups, 'wb-1'))).toEqual([path.basename(backupFile)]);
    expect(backupFile).toMatch(/__pre-migration\.bdwb$/);
    const old = inspect(backupFile);
    expect(old.user).toBe(LATEST_VERSION);
    expect(old.app).toBe(APPLICATION_ID);
    expect(old.schema).toEqual(expectedSchemas[LATEST_VERSION]);
    expect(old.rows).toEqual([{ id: 'r1', table_id: 'zxzj-hz', position: 0, cells: '{"amount":"80000","name":"值班工作经费"}' }]);

    const now = inspect(file);
    expect(now.user).toBe(LATEST_VERSION + 1);
    expect(Object.keys(now.schema.tables)).toContain('notes');
    expect(now.rows).toEqual([{ id: 'r1', table_id: 'zxzj-hz', position: 0, cells: '{"amount":"80000","name":"值班工作经费"}', note: null }]);
  });

  it('a failing migration rolls back entirely: old version, old schema, data untouched', () => {
    const dir = temp.make();
    const file = makeCurrentFile(dir);
    const before = inspect(file);
    expect(() =>
      openWorkbookDb(file, {
        create: false,
        migrations: withMigration2((d) => {
          d.exec('CREATE TABLE notes (id TEXT PRIMARY KEY) STRICT');
          d.exec("UPDATE grid_rows SET cells = '{}'");
          d.exec("DELETE FROM meta WHERE key = 'workbookId'");
          throw new Error('migration 2 failed half-way');
        }),
      }),
    ).toThrow('migration 2 failed half-way');
    const after = inspect(file);
    expect(after).toEqual(before);
    expect(after.user).toBe(LATEST_VERSION);
    expect(Object.keys(after.schema.tables)).not.toContain('notes');
    // The real list still opens it normally afterwards.
    const db = openWorkbookDb(file, { create: false });
    expect(versionOf(db).user).toBe(LATEST_VERSION);
    db.close();
  });

  it('a file at the current version is opened without a backup or migration', () => {
    const dir = temp.make();
    const file = makeCurrentFile(dir);
    let called = 0;
    const db = openWorkbookDb(file, { create: false, beforeMigrate: () => called++ });
    db.close();
    expect(called).toBe(0);
  });
});
