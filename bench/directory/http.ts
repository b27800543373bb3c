import http from 'node:http';

/**
 * GET requests over `connections` keep-alive sockets, for the same closed loop as the SQL side
 * (bench/directory/direct.ts `hammer`). Not autocannon (lib.ts `cannon`): at national scale a
 * search may take seconds under load, and autocannon drops the requests still in flight when its
 * time is up (and those it times out), so the slowest searches would leave no latency behind and
 * the percentiles would look better than they are. Here every request started is waited for.
 */
export function httpClient(base: string, connections: number) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let failures = 0;
  const reasons = new Map<string, number>();
  const failed = (reason: string) => {
    failures++;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  const get = (path: string) =>
    new Promise<void>((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, path, agent, method: 'GET' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          if (res.statusCode !== 200) chunks.push(c);
        });
        res.on('end', () => {
          if (res.statusCode !== 200) {
            const body = Buffer.concat(chunks).toString('utf8');
            let detail = body.slice(0, 120);
            try {
              const problem = JSON.parse(body) as { title?: string; detail?: string };
              detail = [problem.title, problem.detail].filter(Boolean).join(': ');
            } catch {}
            // Grouped by reason: the error's own id (a uuid) left out.
            failed(`${res.statusCode} ${detail.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi, '…')}`);
          }
          resolve();
        });
        res.on('error', (e) => {
          failed(e.message);
          resolve();
        });
      });
      req.on('error', (e) => {
        failed(e.message);
        resolve();
      });
      req.end();
    });
  return {
    get,
    /** Non-200 answers and failed requests since the last call, with their reasons. */
    takeFailures(): { count: number; reasons: string[] } {
      const out = { count: failures, reasons: [...reasons].map(([r, n]) => `${n} × ${r}`) };
      failures = 0;
      reasons.clear();
      return out;
    },
    close: () => agent.destroy(),
  };
}
