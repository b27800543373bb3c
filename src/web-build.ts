import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(tsx?|css|scss|json|html|svg)$/.test(entry.name))
      newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app with Vite when it is missing or older than its sources. */
export function ensureWebBuilt(log: (m: string) => void): void {
  const index = path.join(root, 'dist/web/index.html');
  if (!existsSync(path.join(root, 'index.html'))) {
    log('No web app sources (index.html): serving the API only');
    return;
  }
  const sources = [path.join(root, 'src'), path.join(root, 'index.html')];
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const newest = Math.max(
    ...sources.map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs)),
  );
  if (built >= newest) return;
  log('Building the web app (first start or changed sources)…');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The web app did not build: see the messages above');
}
