import { useCallback, useEffect, useState } from 'react';
import { builtinCodeList, type CodeKind, type CodeList } from '../../../../shared/reference/index';
import { call } from '../../api/client';

export type CodeListOf = (kind: CodeKind) => CodeList | undefined;

/**
 * The 科目 lists of the workbook's year as the core names codes in the derived tables (the finance bureau's
 * imported list when there is one, with the names the set prints), so a code reads the same while typing and in
 * 附件5. Until the core answers, the built-in list stands in.
 */
export function useCodeLists(year: number | null, tableSetId: string | undefined, kinds: readonly CodeKind[]): CodeListOf {
  const wanted = [...new Set(kinds)].sort().join(',');
  const [loaded, setLoaded] = useState<{ key: string; lists: Map<CodeKind, CodeList | null> } | null>(null);
  const key = `${String(year)}:${tableSetId ?? ''}:${wanted}`;

  useEffect(() => {
    if (year === null || wanted === '') return;
    let cancelled = false;
    const list = wanted.split(',') as CodeKind[];
    const asked = tableSetId === undefined ? {} : { tableSetId };
    void Promise.all(list.map((kind) => call('codes.list', { kind, year, ...asked }))).then((results) => {
      if (cancelled) return;
      const lists = new Map<CodeKind, CodeList | null>();
      // A kind the core could not read keeps the built-in stand-in.
      results.forEach((r, i) => r.ok && lists.set(list[i]!, r.value));
      setLoaded({ key: `${String(year)}:${tableSetId ?? ''}:${wanted}`, lists });
    });
    return () => {
      cancelled = true;
    };
  }, [year, tableSetId, wanted]);

  const lists = loaded?.key === key ? loaded.lists : undefined;
  // Stable between renders until a list arrives, so the grid's columns are not rebuilt on every keystroke.
  return useCallback(
    (kind: CodeKind) => {
      if (year === null) return undefined;
      const fromCore = lists?.get(kind);
      return fromCore === undefined ? builtinCodeList(kind, year) : (fromCore ?? undefined);
    },
    [year, lists],
  );
}
