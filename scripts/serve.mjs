#!/usr/bin/env node
// A tiny static file server for www/dist/, bound to 127.0.0.1 only.
//
//   node scripts/serve.mjs <dir> [port] [--cors]     (port 0 picks a free one)
//
// Also imported by pkg-tests/test/www.test.mjs (startServer). Serves .wasm as
// application/wasm so browsers can compile it while it streams. With --cors
// (or startServer(dir, port, { cors: true })) every response carries
// Access-Control-Allow-Origin: * and preflight OPTIONS requests are answered,
// as a site must do for pages of other origins that embed its widget.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
};

/** Starts serving `dir`; resolves to `{ server, url }` once listening. */
export function startServer(dir, port = 0, { cors = false } = {}) {
  const root = path.resolve(dir);
  const server = createServer(async (req, res) => {
    if (cors) {
      // Set before writeHead so that errors (404, 405) are readable too.
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
          'Access-Control-Max-Age': '600',
          Allow: 'GET, HEAD, OPTIONS',
        }).end();
        return;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: cors ? 'GET, HEAD, OPTIONS' : 'GET, HEAD' }).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      stat = null;
    }
    if (!stat || !stat.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const cors = args.includes('--cors');
  const [dir, port = '8080', ...rest] = args.filter((a) => a !== '--cors');
  if (!dir || rest.length || dir.startsWith('--') || !/^\d+$/.test(port)) {
    console.error('usage: node scripts/serve.mjs <dir> [port] [--cors]');
    process.exit(2);
  }
  const { url } = await startServer(dir, Number(port), { cors }).catch((e) => {
    console.error(`cannot listen on 127.0.0.1:${port}: ${e.message}`);
    process.exit(1);
  });
  console.log(`Serving ${dir} at ${url}${cors ? ' with CORS (Access-Control-Allow-Origin: *)' : ''}  (Ctrl-C to stop)`);
}
