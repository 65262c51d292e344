/**
 * The indicator tree every 绩效目标 table uses (DOMAIN §5): 一级 → 二级 kinds. Clerks write the kinds
 * with or without 指标, split over lines by Word, or under older names (效果指标, 可持续性影响), so
 * lookups normalise before comparing; the stored text stays as the clerk wrote it.
 */

export const level1Names = ['产出指标', '效益指标', '满意度指标'] as const;
export type Level1 = (typeof level1Names)[number];

export const level2Kinds = {
  产出指标: ['数量', '质量', '时效', '成本'],
  效益指标: ['经济效益', '社会效益', '生态效益', '可持续影响'],
  满意度指标: ['服务对象满意度'],
} as const satisfies Record<Level1, readonly string[]>;
export type Level2Kind = (typeof level2Kinds)[Level1][number];

const compact = (text: string): string => text.replace(/\s+/g, '');

const level1Aliases: Record<string, Level1> = {
  产出指标: '产出指标',
  产出: '产出指标',
  效益指标: '效益指标',
  效益: '效益指标',
  效果指标: '效益指标',
  效果: '效益指标',
  满意度指标: '满意度指标',
  满意度: '满意度指标',
};

/** 一级指标 as the model stores it (效果指标 is the 2023 name of 效益指标), or undefined for anything else. */
export function normaliseLevel1(text: string | undefined): Level1 | undefined {
  return level1Aliases[compact(text ?? '')];
}

const level2Aliases: Record<string, Level2Kind> = {
  可持续性影响: '可持续影响',
  可持续: '可持续影响',
  社会公益或服务对象满意度: '服务对象满意度',
  社会公众或服务对象满意度: '服务对象满意度',
  服务对象: '服务对象满意度',
  满意度: '服务对象满意度',
};

/** The kind an 二级指标 text names (数量指标 → 数量), whatever 一级 it sits under; undefined if none. */
export function level2KindOf(text: string | undefined): Level2Kind | undefined {
  const bare = compact(text ?? '').replace(/指标$/, '');
  if (bare === '') return undefined;
  for (const kinds of Object.values(level2Kinds)) {
    const hit = (kinds as readonly string[]).find((k) => k === bare);
    if (hit) return hit as Level2Kind;
  }
  return level2Aliases[bare];
}

/** The 一级 a kind belongs to. */
export function level1Of(kind: Level2Kind): Level1 {
  return level1Names.find((l1) => (level2Kinds[l1] as readonly string[]).includes(kind))!;
}

/** How the tables print a kind: 数量 → 数量指标. */
export function level2Label(kind: Level2Kind): string {
  return `${kind}指标`;
}

/** The 9 indicator columns of 专项资金支出方向绩效目标表 (附件3-2) and the kind each holds. */
export const directionIndicatorColumns: readonly { key: string; kind: Level2Kind }[] = [
  { key: 'indQuantity', kind: '数量' },
  { key: 'indQuality', kind: '质量' },
  { key: 'indTimeliness', kind: '时效' },
  { key: 'indCost', kind: '成本' },
  { key: 'indEconomic', kind: '经济效益' },
  { key: 'indSocial', kind: '社会效益' },
  { key: 'indEcological', kind: '生态效益' },
  { key: 'indSustainable', kind: '可持续影响' },
  { key: 'indSatisfaction', kind: '服务对象满意度' },
];
