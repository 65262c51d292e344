/** Splitting 说明 text the way its sentences are kept and checked. */

/** Sentences, each with its closing 。！？ (the last may have none); empty pieces dropped. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if ('。！？'.includes(text[i]!)) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length && text.slice(start).trim() !== '') out.push(text.slice(start));
  return out.filter((s) => s.trim() !== '');
}

/** Text as compared: without spaces (documents space figures and units freely), ASCII brackets as full width. */
export function squashText(text: string): string {
  return text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/:/g, '：').replace(/,(?=\D)/g, '，');
}

/** A heading without its number and spaces: "四、部门收支总体情况" → "部门收支总体情况". */
export function headingTitle(heading: string): string {
  return squashText(heading).replace(/^(?:第?[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[、.．])/, '');
}
