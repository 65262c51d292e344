import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The dev server injects an inline React Fast Refresh preamble that the strict CSP forbids; the policy
 * is dropped only there. Built files keep it, and the hosts send the same policy as a header anyway.
 */
const devWithoutCsp: Plugin = {
  name: 'budgetdesk-dev-without-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>\s*/i, ''),
};

// Relative base: the same build is served by the local host and loaded by Electron from its own scheme.
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), devWithoutCsp],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    // Offline desktop app: one predictable bundle matters more than first-load splitting.
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
