#!/usr/bin/env node
// The CLI runs the TypeScript core directly: tsx compiles on load, so there is no separate build.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
