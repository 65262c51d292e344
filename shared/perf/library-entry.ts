import { z } from 'zod';
import { level1Names } from './tree.js';

/** One indicator of the library, as stored in indicator-library.json and returned by perf.library.*. */
export const libraryEntrySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/),
  category: z.string().trim().min(1).max(20),
  level1: z.enum(level1Names),
  level2: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(60),
  desc: z.string().trim().max(200),
  /** 指标值 as printed, e.g. ≥90%; pasted into a project it is split into 指标性质/指标值/计量单位. */
  value: z.string().trim().max(60),
  basis: z.string().trim().max(100),
  /** Words in a project name that call for this entry, beyond its category's own words. */
  keywords: z.array(z.string().trim().min(1).max(10)).max(20).optional(),
});
export type LibraryEntry = z.infer<typeof libraryEntrySchema>;

/** What perf.library.save accepts: no id adds an entry; description, value and basis may be left out. */
export const libraryEntryInputSchema = libraryEntrySchema.extend({
  id: libraryEntrySchema.shape.id.optional(),
  desc: z.string().trim().max(200).default(''),
  value: z.string().trim().max(60).default(''),
  basis: z.string().trim().max(100).default(''),
});
export type LibraryEntryInput = z.output<typeof libraryEntryInputSchema>;
