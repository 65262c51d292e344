import type { z } from 'zod';
import type { MethodName, MethodOutput, Methods } from '../../../shared/api/contract.js';

export type Handler<M extends MethodName> = (input: z.output<Methods[M]['input']>) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** The handlers of the methods whose names start with `prefix` (every method when the prefix is ''). */
export type HandlersOf<Prefix extends string> = { [M in Extract<MethodName, `${Prefix}${string}`>]: Handler<M> };
