// A TCP relay that delays every chunk by `delayMs` in each direction (order kept): a database one
// network hop away, as a hosted one is (Supabase from CI or a laptop), on a local server.
import net from 'node:net';

function relay(from, to, delayMs) {
  let chain = Promise.resolve();
  from.on('data', (chunk) => {
    const due = Date.now() + delayMs;
    chain = chain.then(
      () =>
        new Promise((done) =>
          setTimeout(() => {
            to.write(chunk);
            done();
          }, Math.max(0, due - Date.now())),
        ),
    );
  });
  from.on('end', () => chain.then(() => to.end()));
  from.on('error', () => to.destroy());
}

/** Starts the relay in front of `url`'s server; returns the URL through it and a close function. */
export async function startLagProxy(url, delayMs) {
  const target = new URL(url);
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    relay(client, upstream, delayMs);
    relay(upstream, client, delayMs);
    upstream.on('error', () => client.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const through = new URL(url);
  through.hostname = '127.0.0.1';
  through.port = String(server.address().port);
  return {
    url: through.toString(),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
