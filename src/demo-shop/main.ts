import { startDemoShop, type RunningDemoShop } from './index';

// Fixed ports so `vigil fault …` and example configs can find the shops without discovery.
const shops: RunningDemoShop[] = await Promise.all([
  startDemoShop({ deployment: 'primary', port: 4101, httpsPort: 4443 }),
  startDemoShop({ deployment: 'backup', port: 4102, httpsPort: 4444 }),
]);

for (const shop of shops) {
  console.log(`${shop.deployment.padEnd(7)} ${shop.url}  ${shop.httpsUrl ?? ''}  (faults: ${shop.url}/__vigil/faults)`);
}

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping demo shops`);
  Promise.all(shops.map((shop) => shop.close())).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
