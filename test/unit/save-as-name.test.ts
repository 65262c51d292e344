import { describe, expect, it } from 'vitest';
import { saveAsSuggestion } from '../../renderer/src/backups/labels.js';

describe('另存为 suggestion', () => {
  it('names the copy for the workbook’s own year, beside it', () => {
    expect(saveAsSuggestion('/data/库/区政府办-2020年.bdwb', 2020)).toBe('/data/库/区政府办-2020年-副本.bdwb');
    // Carried over from 2019 and set to 2020 in 工作簿信息: the copy is a 2020 one.
    expect(saveAsSuggestion('D:\\预算\\区政府办-2019年.bdwb', 2020)).toBe('D:\\预算\\区政府办-2020年-副本.bdwb');
    // A file named without a year gets the workbook's year, never the calendar's.
    expect(saveAsSuggestion('E:\\区政府办.bdwb', 2020)).toBe('E:\\区政府办-2020年-副本.bdwb');
  });
});
