// Vite needs no settings for the package; these only name the three pages.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;
export default defineConfig({
  root: here,
  base: './', // the built site is served from a sub-folder
  logLevel: 'warn',
  build: {
    outDir: resolve(here, '../dist/vite'),
    emptyOutDir: true,
    rollupOptions: {
      input: { index: resolve(here, 'index.html'), worker: resolve(here, 'worker.html'), minimal: resolve(here, 'minimal.html') },
    },
  },
});
