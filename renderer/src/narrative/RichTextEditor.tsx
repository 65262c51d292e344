import { useEffect, useLayoutEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { parseRichText, serializeRichText, type RichParagraph } from '../../../shared/narrative/richtext';
import { BODY_CSS } from '../../../shared/print/typography';
import { rawDoc, renderDoc, select, selectionRange, type SentenceMark } from './richDom';
import { replaceRange, splitParagraph, toggleBold, type Place, type PlaceRange } from './richEdit';
import { readParagraphs, readPlainText } from './richRead';

/**
 * Undo granularity: one workbook change (one 撤销 step) per committed edit. An edit is committed when the
 * clerk leaves the editor, after a pause in typing (IDLE_MS), and at once for what the editor does itself
 * (a new paragraph that splits text, a paste, bold on or off), and before 撤销/重做 runs, so the workbook's
 * stack always holds what the clerk sees. Ctrl+Z / Ctrl+Y and the browser's own undo (context menu) go to
 * the workbook's stack, never to the contentEditable's history.
 */
const IDLE_MS = 1000;

const serialize = (root: HTMLElement) => serializeRichText(readParagraphs(root));

export interface RichTextEditorProps {
  /** The stored text (shared/narrative/richtext.ts), normalised. */
  value: string;
  /** Per paragraph, its sentences as the 说明 was last read (so a finding can mark one). */
  sentences: readonly (readonly SentenceMark[])[];
  /** Sentences a picked finding points at. */
  marked: (key: string) => boolean;
  label: string;
  testId: string;
  onCommit(text: string): void;
  onUndo(): void;
  onRedo(): void;
}

/**
 * A small rich-text editor for the 说明's free sections: paragraphs in the official body style (the .docx's
 * BdBody, shared/print/typography.ts) and bold words, nothing else. Typing is the browser's (input methods
 * work as anywhere); paragraph breaks, paste and bold are done on the paragraphs (./richEdit.ts) and drawn
 * again, so the DOM only ever holds what the stored form can say.
 */
export function RichTextEditor({ value, sentences, marked, label, testId, onCommit, onUndo, onRedo }: RichTextEditorProps) {
  const ref = useRef<HTMLDivElement>(null);
  const live = useRef({ committed: value, echoes: new Set<string>(), composing: false, focused: false, nativeBold: false, timer: undefined as ReturnType<typeof setTimeout> | undefined });
  const props = useRef({ onCommit, onUndo, onRedo, sentences });
  props.current = { onCommit, onUndo, onRedo, sentences };
  const sentenceKeys = sentences.map((p) => p.map((s) => s.key).join(',')).join('|');

  // A new stored value: drawn unless it is what the editor already shows or an answer to its own commit that
  // typing has since moved past; an undo or redo while the editor has the caret is drawn with the caret kept.
  useLayoutEffect(() => {
    const root = ref.current!;
    const s = live.current;
    if (s.focused) {
      if (value === serialize(root) || s.echoes.has(value)) return;
      const at = selectionRange(root);
      renderDoc(root, parseRichText(value), props.current.sentences);
      if (at) select(root, at.start);
    } else renderDoc(root, parseRichText(value), props.current.sentences);
    s.committed = value;
    s.echoes.clear();
  }, [value, sentenceKeys]);

  useLayoutEffect(() => {
    for (const el of ref.current!.querySelectorAll<HTMLElement>('[data-sentence]')) el.dataset.marked = String(marked(el.dataset.sentence ?? ''));
  });

  const commit = (allowEmpty: boolean, root: HTMLElement = ref.current!) => {
    const s = live.current;
    clearTimeout(s.timer);
    if (s.composing) return;
    const text = serialize(root);
    // An emptied section goes back to the template's words: only when the clerk leaves it so, not mid-rewrite.
    if (text === s.committed || (text === '' && !allowEmpty)) return;
    s.committed = text;
    s.echoes.add(text);
    props.current.onCommit(text);
  };
  const commitSoon = () => {
    clearTimeout(live.current.timer);
    live.current.timer = setTimeout(() => commit(false), IDLE_MS);
  };

  /** Runs an edit on the paragraphs as they stand, draws the result, places the selection and commits. */
  const edit = (change: (doc: RichParagraph[], range: PlaceRange) => { doc: RichParagraph[]; start: Place; end?: Place } | null) => {
    const root = ref.current!;
    const range = selectionRange(root);
    if (!range) return;
    const out = change(rawDoc(root), range);
    if (!out) return;
    renderDoc(root, out.doc);
    select(root, out.start, out.end);
    commit(false);
  };
  const bold = () => {
    const range = selectionRange(ref.current!);
    if (range && range.start.p === range.end.p && range.start.o === range.end.o) {
      // No words chosen: the browser's typing style makes what is typed next bold (or not), read back as <b>.
      live.current.nativeBold = true;
      document.execCommand('bold');
      live.current.nativeBold = false;
      return;
    }
    edit((doc, r) => ({ doc: toggleBold(doc, r), start: r.start, end: r.end }));
  };
  const history = (undo: boolean) => {
    commit(true);
    // What comes back is the workbook's state after the step, which the editor then shows.
    live.current.echoes.clear();
    if (undo) props.current.onUndo();
    else props.current.onRedo();
  };

  // beforeinput is where the browser announces its own paragraph breaks, formatting and undo (keys, menus, IME).
  useEffect(() => {
    const root = ref.current!;
    const onBeforeInput = (e: InputEvent) => {
      const t = e.inputType;
      if (t === 'insertParagraph' || t === 'insertLineBreak') {
        e.preventDefault();
        edit((doc, range) => {
          const out = splitParagraph(doc, range);
          return { doc: out.doc, start: out.caret };
        });
      } else if (t === 'historyUndo' || t === 'historyRedo') {
        e.preventDefault();
        history(t === 'historyUndo');
      } else if (t === 'formatBold') {
        if (live.current.nativeBold) return;
        e.preventDefault();
        bold();
      } else if (t.startsWith('format') || t === 'insertFromDrop') {
        // Italic, underline, colours, dragged-in content: nothing the stored form keeps.
        e.preventDefault();
      }
    };
    root.addEventListener('beforeinput', onBeforeInput);
    return () => root.removeEventListener('beforeinput', onBeforeInput);
  });

  // Unmounted (the 说明 page left) during a pause in typing: what was typed is saved, not dropped.
  useEffect(() => {
    const root = ref.current!;
    return () => commit(false, root);
  }, []);

  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5 }}>
        <Tooltip title="加粗选中的文字（Ctrl+B）">
          <Button
            size="small"
            variant="outlined"
            sx={{ minWidth: 36, fontWeight: 700, py: 0 }}
            aria-label="加粗"
            data-testid={`${testId}-bold`}
            // Keeps the selection in the text.
            onMouseDown={(e) => e.preventDefault()}
            onClick={bold}
          >
            B
          </Button>
        </Tooltip>
        <Typography variant="caption" color="text.secondary">
          Enter 另起一段；粘贴只保留文字、分段和加粗；停顿或离开即保存，Ctrl+Z 撤销。
        </Typography>
      </Box>
      <Box
        ref={ref}
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        data-testid={testId}
        spellCheck={false}
        onFocus={() => (live.current.focused = true)}
        onBlur={() => {
          commit(true);
          live.current.focused = false;
          live.current.echoes.clear();
          // Drawn again as stored: sentence marks back, whatever the browser left in the DOM gone.
          const root = ref.current!;
          renderDoc(root, parseRichText(serialize(root)), props.current.sentences);
        }}
        onInput={() => !live.current.composing && commitSoon()}
        onCompositionStart={() => (live.current.composing = true)}
        onCompositionEnd={() => {
          live.current.composing = false;
          commitSoon();
        }}
        onKeyDown={(e) => {
          if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
          const key = e.key.toLowerCase();
          if (key === 'z' || key === 'y') {
            e.preventDefault();
            e.stopPropagation();
            history(key === 'z' && !e.shiftKey);
          } else if (key === 'b') {
            e.preventDefault();
            bold();
          } else if (key === 'i' || key === 'u') e.preventDefault();
        }}
        onPaste={(e) => {
          e.preventDefault();
          const html = e.clipboardData.getData('text/html');
          // DOMParser's document is inert: its scripts never run and its images never load.
          const pasted = html ? readParagraphs(new DOMParser().parseFromString(html, 'text/html').body) : readPlainText(e.clipboardData.getData('text/plain'));
          edit((doc, range) => {
            const out = replaceRange(doc, range, pasted);
            return { doc: out.doc, start: out.caret };
          });
        }}
        sx={{
          ...BODY_CSS,
          whiteSpace: 'pre-wrap',
          minHeight: BODY_CSS.lineHeight,
          p: 1,
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          outline: 'none',
          '&:focus': { borderColor: 'primary.main', boxShadow: (t) => `0 0 0 1px ${t.palette.primary.main}` },
          '& p': { m: 0 },
          '& [data-marked="true"]': { bgcolor: '#fff3b0' },
        }}
      />
    </Box>
  );
}
