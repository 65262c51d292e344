export * from './types.js';
export * from './normalize.js';
export * from './codes.js';
export * from './builtin.js';
export * from './econ-map.js';
