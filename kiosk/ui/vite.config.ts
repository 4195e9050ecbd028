import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The kiosk UI and the developer panel, built to kiosk/ui/dist and served by the host.
export default defineConfig({
  root,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { kiosk: `${root}/index.html`, dev: `${root}/dev.html` },
    },
  },
});
