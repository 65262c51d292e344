import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ChangeResult } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { CheckFinding } from '../../../shared/checks/rule';
import { NARRATIVE_PAGE, type NarrativeView, type ViewSentence } from '../../../shared/narrative/view';
import { call } from '../api/client';
import { errorText } from '../api/messages';
import { useTableMarks } from '../checks/highlight';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from '../workbook/session';
import { serializeRichText } from '../../../shared/narrative/richtext';
import { headingSx, paragraphSx } from './paragraphStyle';
import { RichTextEditor } from './RichTextEditor';
import { SentenceEditor } from './SentenceEditor';

type Section = NarrativeView['sections'][number];

const SEVERITY_COLOR = { 错误: 'error', 需说明: 'warning', 提示: 'info' } as const;

function Findings({ list }: { list: CheckFinding[] }) {
  if (list.length === 0) return null;
  return (
    <Box sx={{ my: 0.5, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      {list.map((f) => (
        <Alert key={f.id} severity={SEVERITY_COLOR[f.severity]} variant="outlined" sx={{ py: 0, fontSize: 13 }} data-testid="sentence-finding" data-sentence={f.sentence ?? ''}>
          {f.severity}：{f.message}
          {f.explanation ? `（说明：${f.explanation}）` : ''}
        </Alert>
      ))}
    </Box>
  );
}

/** The section's text in the stored form (shared/narrative/richtext.ts): bold where the clerk set it. */
const sectionValue = (section: Section) => serializeRichText(section.paragraphs.map((p) => p.runs ?? [{ text: p.sentences.map((s) => s.text).join('') }]));

/** A section the clerk writes as a whole (职能职责, 机构设置, 名词解释, an imported one), in the rich-text editor. */
function SectionText({ section, marked, onSave, onReset, onUndo, onRedo }: { section: Section; marked(key: string): boolean; onSave(text: string): void; onReset(): void; onUndo(): void; onRedo(): void }) {
  const sentences = useMemo(() => section.paragraphs.map((p) => p.sentences.map(({ key, text }) => ({ key, text }))), [section]);
  return (
    <Box>
      <RichTextEditor
        value={sectionValue(section)}
        sentences={sentences}
        marked={marked}
        label={`${section.title}文字`}
        testId={`section-text-${section.key}`}
        onCommit={onSave}
        onUndo={onUndo}
        onRedo={onRedo}
      />
      {section.kind === 'imported' && (
        <Typography variant="caption" color="text.secondary">
          此节为导入的原文，不随数据变化。
        </Typography>
      )}
      {section.stored && (
        <Button size="small" sx={{ mt: 0.5 }} onClick={onReset} data-testid={`section-reset-${section.key}`}>
          {section.kind === 'free' ? '恢复为模板文字' : '改为按数据生成'}
        </Button>
      )}
    </Box>
  );
}

/** A change in a generated sentence and its 主要原因, kept apart so the sentence keeps following the data. */
function ReasonField({ change, value, onSave }: { change: string; value: string; onSave(text: string): void }) {
  const [text, setText] = useState(value);
  return (
    <TextField
      size="small"
      fullWidth
      label={`“${change}”的主要原因`}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => text.trim() !== value && onSave(text)}
      sx={{ my: 0.5 }}
      slotProps={{ htmlInput: { 'data-testid': 'reason-text' } }}
    />
  );
}

/**
 * 第一部分 说明: the set's template filled from the data. A sentence follows the figures until the clerk
 * rewrites it (click it); then it is kept as written and checked, its findings shown beneath. Free sections
 * are written in a small rich-text editor (paragraphs, bold) in the official paragraph style. Every save is
 * one change of the workbook (撤销/重做).
 */
export function NarrativePage({ session, path, revision, findings, onUndo, onRedo }: { session: WorkbookSession; path: string; revision: number; findings: CheckFinding[] | null; onUndo(): void; onRedo(): void }) {
  const { notifyError } = useNotifier();
  const [view, setView] = useState<NarrativeView | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const marks = useTableMarks(NARRATIVE_PAGE);

  useEffect(() => {
    let live = true;
    void call('narrative.get', { path }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setView(r.value);
        setLoadError(null);
      } else setLoadError(errorText(r.error));
    });
    return () => {
      live = false;
    };
  }, [path, revision]);

  useEffect(() => {
    if (!marks) return;
    const first = document.querySelector('[data-marked="true"]');
    first?.scrollIntoView({ block: 'center' });
  }, [marks, view]);

  const bySentence = useMemo(() => {
    const map = new Map<string, CheckFinding[]>();
    for (const f of findings ?? []) if (f.sentence) map.set(f.sentence, [...(map.get(f.sentence) ?? []), f]);
    return map;
  }, [findings]);

  const apply = async (send: () => Promise<Result<ChangeResult>>): Promise<void> => {
    const r = await session.apply(send);
    if (!r.ok) notifyError(r.error);
  };

  if (loadError) return <Alert severity="error">{loadError}</Alert>;
  if (view === undefined) return <LinearProgress />;
  if (view === null) return <Alert severity="info">本工作簿所用的表格套没有说明模板，导出时不含第一部分说明。</Alert>;

  const sentence = (s: ViewSentence) => {
    const flagged = bySentence.get(s.key) ?? [];
    const marked = marks?.has(s.key, 'text') ?? false;
    return (
      <Tooltip key={s.key} title={s.edited ? '已改写：保持原样，不随数据变化（点击修改）' : '按数据生成（点击改写）'} placement="top" disableInteractive>
        <Box
          component="span"
          role="button"
          tabIndex={0}
          data-testid={`sentence-${s.key}`}
          data-edited={s.edited}
          data-marked={marked}
          onClick={() => setEditing(s.key)}
          onKeyDown={(e) => e.key === 'Enter' && setEditing(s.key)}
          sx={{
            cursor: 'text',
            borderRadius: 0.5,
            bgcolor: marked ? '#fff3b0' : s.edited ? '#eef4ff' : undefined,
            textDecoration: flagged.length > 0 ? 'underline wavy #d32f2f' : undefined,
            '&:hover': { bgcolor: marked ? '#fff3b0' : '#f1f3f6' },
          }}
        >
          {s.text}
        </Box>
      </Tooltip>
    );
  };

  return (
    <Box sx={{ overflowY: 'auto', flex: 1, pr: 1 }} data-testid="narrative-page">
      <Typography component="h2" sx={{ fontFamily: '"方正小标宋简体", "宋体", serif', fontSize: '22pt', textAlign: 'center', my: 1 }}>
        部门预算公开说明
      </Typography>
      {view.sections.map((section) => {
        const keys = section.paragraphs.flatMap((p) => p.sentences.map((s) => s.key));
        return (
          <Box key={section.key} component="section" data-testid={`narrative-section-${section.key}`} sx={{ maxWidth: 900, mx: 'auto' }}>
            <Typography component="h3" sx={headingSx}>
              {section.heading}
              {section.kind === 'imported' && <Chip size="small" label="导入原文" sx={{ ml: 1, textIndent: 0 }} />}
            </Typography>
            {section.kind === 'free' || section.stored ? (
              <>
                <SectionText
                  key={section.key}
                  section={section}
                  marked={(key) => marks?.has(key, 'text') ?? false}
                  onSave={(text) => void apply(() => call('narrative.setSection', { path, section: section.key, text }))}
                  onReset={() => void apply(() => call('narrative.reset', { path, section: section.key }))}
                  onUndo={onUndo}
                  onRedo={onRedo}
                />
                <Findings list={keys.flatMap((k) => bySentence.get(k) ?? [])} />
              </>
            ) : (
              section.paragraphs.map((p) => {
                const open = p.sentences.find((s) => s.key === editing);
                const reasons = p.sentences.filter((s) => !s.edited).flatMap((s) => s.reasons.map((r) => ({ s, r })));
                return (
                  <Box key={p.key}>
                    <Box component="p" sx={paragraphSx}>
                      {p.sentences.map(sentence)}
                    </Box>
                    {open && (
                      <SentenceEditor
                        key={`${open.key}:${revision}`}
                        sentence={open}
                        onCancel={() => setEditing(null)}
                        onSave={(text) => {
                          setEditing(null);
                          void apply(() => call('narrative.setSentence', { path, key: open.key, text }));
                        }}
                      />
                    )}
                    {reasons.map(({ s, r }) => (
                      <ReasonField
                        key={`${s.key}|${r.field}:${r.text}`}
                        change={r.change}
                        value={r.text}
                        onSave={(text) => void apply(() => call('narrative.setReason', { path, key: s.key, field: r.field, text }))}
                      />
                    ))}
                    <Findings list={p.sentences.flatMap((s) => bySentence.get(s.key) ?? [])} />
                  </Box>
                );
              })
            )}
          </Box>
        );
      })}
    </Box>
  );
}
