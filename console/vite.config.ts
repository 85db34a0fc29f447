// Vite build of the operator console and subscriber portal: `npm run build:console` (vite build console).
// Output goes to console/dist, which the API serves at / (with an index.html fallback for client routes).
// Everything is bundled: no CDN, no web fonts, nothing fetched at run time (air-gapped utility networks).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No public source map: the console's source is open, but the served bundle need not ship it.
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    // `npx vite console` during development, with the API (raseed start) on :8080.
    proxy: { '/api': 'http://localhost:8080', '/docs': 'http://localhost:8080' },
  },
});
