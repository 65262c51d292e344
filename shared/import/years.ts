/**
 * Moving last year's text into the new budget year: the years that denote the budget year move forward
 * (2019年 → 2020年, 2019年底完成 → 2020年底完成, 2019.12.31 → 2020.12.31), and so does the year a 同比
 * sentence compares with ("比 2019 年预算数减少" in a 2020 text becomes "比 2020 年…" in 2021). Left as
 * written: document numbers (株石办发〔2019〕39号, 唐政办函[2008]394号), titles of documents
 * (《…（2022年版）》), 实施期 and other ranges (2019年—2021年) and dates of past events (截至2022年底,
 * 2015 年 1 月 1 日起施行). Every year that was or could have been moved is listed with the reason, so the
 * import report can show the clerk what changed and what to check.
 */

export interface YearChange {
  /** Offset of the year's first digit in the original text. */
  at: number;
  from: string;
  to: string;
}

export type KeptReason = '文号' | '文件名称' | '起止年度' | '过去的日期';

export interface YearKept {
  at: number;
  year: string;
  reason: KeptReason;
}

export interface ShiftedText {
  text: string;
  changes: YearChange[];
  /** Budget-year (or 上年) mentions deliberately left as written, with why. */
  kept: YearKept[];
}

const DIGIT = '[0-9０-９]';
const YEAR = new RegExp(`(?<!${DIGIT})[12１２]${DIGIT}{3}(?!${DIGIT})`, 'g');
const toHalf = (s: string): string => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
const toFull = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** 年 / 年度 after the digits (Word and PDF copies put spaces and line breaks in between). */
const YEAR_WORD = /^[\s\u00a0\u3000]*年/;
/** A date written with dots or dashes: 2023.12.31, 2023-09. */
const DOTTED_DATE = /^[.\-/．－][0-9０-９]{1,2}(?![0-9０-９])/;
/** The other end of a range: 2019年—2021年, 2019-2021, 2019至2021年. */
const RANGE_AFTER = new RegExp(`^[\\s\\u00a0\\u3000]*(?:年度?)?[\\s\\u00a0\\u3000]*[-—–－~～至到][\\s\\u00a0\\u3000]*[12１２]${DIGIT}{3}`);
const RANGE_BEFORE = new RegExp(`[12１２]${DIGIT}{3}[\\s\\u00a0\\u3000]*(?:年度?)?[\\s\\u00a0\\u3000]*[-—–－~～至到][\\s\\u00a0\\u3000]*$`);
/** 〔2019〕39号, [2008]394号, （2019）12号. */
const CITATION_BEFORE = /[〔［[【(（][\s\u00a0]*$/;
const CITATION_AFTER = /^[\s\u00a0]*[〕］\]】)）]/;
/** The comparison year of a 同比 sentence: 比 2019 年, 较2019年, 与2019年相比. */
const COMPARED = /(?:比|较|与|同|跟|相比|对比)[\s\u00a0\u3000]*$/;
/** A date that already happened when the text was written: 截至2022年底, 截止 2019 年 12 月 31 日. */
const PAST_BEFORE = /(?:截至|截止|截止到|截至到|自|从|于)[\s\u00a0\u3000]*$/;
/** … 2015 年 1 月 1 日起施行, 2003年3月2日前退休, 2018年以来. */
const DATE_TAIL = /^[\s\u00a0\u3000]*年(?:[\s\u00a0\u3000]*[0-9０-９]{1,2}[\s\u00a0\u3000]*月(?:[\s\u00a0\u3000]*[0-9０-９]{1,2}[\s\u00a0\u3000]*[日号])?)?/;
const PAST_AFTER = /^[\s\u00a0\u3000]*(?:起|以来|以前|之前|前退休|召开|印发|发布|出台|施行|成立|批复|批准|通过|签订)/;

/** Inside 《…》: the title of a published document keeps its year. */
function insideBookTitle(before: string): boolean {
  return before.lastIndexOf('《') > before.lastIndexOf('》');
}

function keptReason(text: string, at: number, end: number): KeptReason | null {
  const before = text.slice(Math.max(0, at - 200), at);
  const after = text.slice(end, end + 40);
  if (CITATION_BEFORE.test(before) && CITATION_AFTER.test(after)) return '文号';
  if (insideBookTitle(before)) return '文件名称';
  if (RANGE_AFTER.test(after) || RANGE_BEFORE.test(before)) return '起止年度';
  if (PAST_BEFORE.test(before)) return '过去的日期';
  const date = DATE_TAIL.exec(after);
  if (date && PAST_AFTER.test(after.slice(date[0].length))) return '过去的日期';
  return null;
}

/**
 * `text` with the budget year `fromYear` moved to `toYear` (and 同比 comparisons with fromYear − 1 moved
 * by the same step). Digits keep their width (２０１９年 → ２０２０年). With fromYear equal to toYear the text
 * comes back unchanged.
 */
export function shiftYears(text: string, fromYear: number, toYear: number): ShiftedText {
  const changes: YearChange[] = [];
  const kept: YearKept[] = [];
  if (fromYear === toYear) return { text, changes, kept };
  const step = toYear - fromYear;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(YEAR)) {
    const at = m.index;
    const end = at + m[0].length;
    const year = Number(toHalf(m[0]));
    const after = text.slice(end, end + 8);
    const isYear = YEAR_WORD.test(after) || DOTTED_DATE.test(after) || CITATION_AFTER.test(after) || RANGE_AFTER.test(text.slice(end, end + 40));
    if (!isYear) continue;
    const comparison = year === fromYear - 1 && COMPARED.test(text.slice(Math.max(0, at - 6), at));
    if (year !== fromYear && !comparison) continue;
    const reason = keptReason(text, at, end);
    if (reason) {
      kept.push({ at, year: m[0], reason });
      continue;
    }
    const moved = String(year + step);
    const to = /[０-９]/.test(m[0]) ? toFull(moved) : moved;
    changes.push({ at, from: m[0], to });
    out += text.slice(last, at) + to;
    last = end;
  }
  return { text: out + text.slice(last), changes, kept };
}
