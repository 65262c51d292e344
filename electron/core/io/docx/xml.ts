/**
 * Text for WordprocessingML written as strings: the table and body writers build XML directly (see
 * write.ts for why), so every user text passes through here before it lands inside an element.
 */

// Characters XML 1.0 does not allow anywhere (C0 controls except tab/newline/return, U+FFFE/U+FFFF, lone
// surrogates). Clerks paste text from other programs; one such character would make Word refuse the file.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters XML 1.0 forbids. */
export function stripIllegalXml(text: string): string {
  return text.replace(ILLEGAL, '');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for element content or a double-quoted attribute, after removing illegal characters. */
export function escapeXml(text: string): string {
  return stripIllegalXml(text).replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}
