import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import type { ViewSentence } from '../../../shared/narrative/view';
import { BODY_CSS } from '../../../shared/print/typography';

/** Rewriting one generated sentence: kept as written once saved; 恢复 makes it follow the data again. */
export function SentenceEditor({ sentence, onSave, onCancel }: { sentence: ViewSentence; onSave(text: string): void; onCancel(): void }) {
  const [text, setText] = useState(sentence.text);
  return (
    <Box component="span" sx={{ display: 'block', my: 1, textIndent: 0 }} data-testid="sentence-editor">
      <TextField
        autoFocus
        fullWidth
        multiline
        minRows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onSave(text);
        }}
        slotProps={{ htmlInput: { 'aria-label': '改写句子', 'data-testid': 'sentence-text', style: { fontFamily: BODY_CSS.fontFamily, fontSize: BODY_CSS.fontSize, lineHeight: BODY_CSS.lineHeight } } }}
      />
      <Box sx={{ display: 'flex', gap: 1, mt: 0.5 }}>
        <Button size="small" variant="contained" onClick={() => onSave(text)} data-testid="sentence-save">
          保存（Ctrl+Enter）
        </Button>
        <Button size="small" onClick={onCancel}>
          取消
        </Button>
        {sentence.edited && sentence.generated !== null && (
          <Button size="small" color="warning" onClick={() => onSave(sentence.generated!)} data-testid="sentence-restore">
            恢复为按数据生成
          </Button>
        )}
      </Box>
    </Box>
  );
}
