/** A tiny keep-alive HTTP server in its own process, so its CPU is not counted as Vigil's. Prints its port. */
import { createServer } from 'node:http';

const body = '<!doctype html><html><head><title>ok</title></head><body>Add to cart</body></html>';
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
