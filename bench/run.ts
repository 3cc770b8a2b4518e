/**
 * `npm run bench -- NAME [args…]` runs bench/NAME.ts. Each benchmark prints
 * its figures last, so the closing line of the output is what we quote.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.replace(/\.ts$/, ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (available: ${available.join(', ')})`);
  process.exit(2);
}
process.argv.splice(2, 1);
await import(join(here, `${name}.ts`));
