/**
 * The derivation engine: budget facts → the official tables as printed. Pure (no Node or Electron
 * imports) so the renderer can run it too.
 */
export * from './types.js';
export * from './model.js';
export { FactBase, defaultBasicNature, type Fact, type FactChanges, type FactDims, type FactIssue, type ProjectInfo, type UnitInfo } from './facts.js';
export { DeriveEngine, tableKind, type EngineOptions, type TableKind } from './engine.js';
export { compileQuery, compileFilter, type Pred } from './match.js';
