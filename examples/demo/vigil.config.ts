import { defineConfig } from '../../src/index';

/**
 * The config `vigil demo` (and `npm start`) runs: the demo store served as a
 * primary and a backup deployment, every page type watched on both.
 * `vigil demo` sets the VIGIL_DEMO_* variables to the ports it actually used.
 */
const env = process.env;
const primaryUrl = env.VIGIL_DEMO_PRIMARY_URL ?? 'http://127.0.0.1:4101';
const backupUrl = env.VIGIL_DEMO_BACKUP_URL ?? 'http://127.0.0.1:4102';
const primaryTlsPort = Number(env.VIGIL_DEMO_PRIMARY_TLS_PORT ?? 4443);
const backupTlsPort = Number(env.VIGIL_DEMO_BACKUP_TLS_PORT ?? 4444);

export default defineConfig({
  site: { name: 'Vigil Demo Store' },
  deployments: [
    { name: 'production', baseUrl: primaryUrl, role: 'primary', provider: 'demo-host-a' },
    { name: 'backup', baseUrl: backupUrl, role: 'backup', provider: 'demo-host-b' },
  ],
  pageTypes: {
    home: { paths: ['/'], revenuePerHour: 900 },
    landing: { paths: ['/landing/black-friday'], revenuePerHour: 400 },
    collection: { paths: ['/collections/jackets', '/collections/shoes'], revenuePerHour: 600 },
    product: { paths: ['/products/weekend-cotton-turtleneck', '/products/lightweight-insulated-water-bottle'], revenuePerHour: 1500 },
    cart: { paths: ['/cart'], revenuePerHour: 1200 },
    checkout: { paths: ['/checkout'], revenuePerHour: 2000 },
    account: { paths: ['/account/login'] },
    search: { paths: ['/search?q=wool'] },
  },
  // Short intervals so a fault shows within seconds in the demo; 60 s is the usual default.
  defaults: { interval: '10s', timeout: '5s' },
  checks: [
    {
      name: 'home page',
      kind: 'http',
      pageType: 'home',
      tags: ['storefront'],
      assertions: [{ status: 200 }, { body: { contains: 'Vigil Demo Store' } }, { responseTime: { lessThan: 1500 } }],
    },
    { name: 'landing page', kind: 'http', pageType: 'landing', tags: ['storefront'], assertions: [{ status: 200 }] },
    {
      name: 'collection page',
      kind: 'http',
      pageType: 'collection',
      tags: ['storefront'],
      assertions: [{ status: 200 }, { body: { contains: 'href="/products/' } }, { responseTime: { lessThan: 1500 } }],
    },
    {
      name: 'product page',
      kind: 'http',
      pageType: 'product',
      tags: ['storefront'],
      assertions: [{ status: 200 }, { body: { contains: 'data-testid="add-to-cart"' } }, { responseTime: { lessThan: 1000 } }],
      // Compared across deployments: `vigil fault set priceDelta=10 --deployment backup` raises a content disparity.
      extract: [
        { name: 'price', selector: '[data-testid=price]', normalise: ['currency'] },
        { name: 'title', selector: '[data-testid=product-title]', normalise: ['whitespace'] },
        { name: 'build id', selector: 'meta[name=build-id]', attribute: 'content' },
      ],
    },
    {
      name: 'product price',
      kind: 'http',
      path: '/api/products/weekend-cotton-turtleneck',
      tags: ['content'],
      assertions: [{ status: 200 }, { jsonPath: { path: '$.price', equals: 235 } }, { header: { name: 'content-type', contains: 'application/json' } }],
      extract: [{ name: 'price', jsonPath: '$.price', normalise: ['currency'] }],
    },
    {
      name: 'build id',
      kind: 'http',
      path: '/api/build',
      tags: ['content'],
      assertions: [{ jsonPath: { path: '$.buildId', equals: 'build-2026.11.25-1' } }],
      // `vigil fault set buildId=old --deployment backup`: a stale build on the backup is a content disparity.
      extract: [{ name: 'build id', jsonPath: '$.buildId' }],
    },
    { name: 'catalog api', kind: 'http', path: '/api/products?limit=1', tags: ['content'], assertions: [{ status: 200 }], extract: [{ name: 'catalog count', jsonPath: '$.total' }] },
    { name: 'cart page', kind: 'http', pageType: 'cart', tags: ['checkout'], assertions: [{ status: 200 }] },
    { name: 'cart api', kind: 'http', path: '/api/cart', tags: ['checkout'], assertions: [{ status: 200 }, { jsonPath: { path: '$.items', exists: true } }] },
    { name: 'checkout page', kind: 'http', pageType: 'checkout', tags: ['checkout'], assertions: [{ status: 200 }, { body: { contains: '<form' } }] },
    { name: 'account login', kind: 'http', pageType: 'account', assertions: [{ status: 200 }] },
    { name: 'search', kind: 'http', pageType: 'search', assertions: [{ status: 200 }] },
    { name: 'sitemap', kind: 'http', path: '/sitemap.xml', interval: '60s', assertions: [{ status: 200 }, { body: { contains: '<urlset' } }] },
    { name: 'storefront port', kind: 'tcp', interval: '30s' },
    // Resolved by the demo's own name server (VIGIL_DEMO_DNS); point `resolver` at yours or leave it out for the system's.
    {
      name: 'dns',
      kind: 'dns',
      hostname: 'shop.vigil-demo.test',
      resolver: env.VIGIL_DEMO_DNS ?? '127.0.0.1:5353',
      deployments: ['production'],
      interval: '60s',
      expect: { includes: ['127.0.0.1'] },
    },
    // Browser checks run in real Chromium, in a worker process beside the scheduler. The flows live in ../flows;
    // each named step is timed, and a failed run keeps a screenshot and a Playwright trace under storage.dataDir/artifacts.
    {
      name: 'checkout journey',
      kind: 'browser',
      script: '../flows/checkout.ts',
      interval: '30s',
      timeout: '25s',
      tags: ['checkout', 'flow'],
      assertions: [{ noConsoleErrors: true }, { noFailedRequests: true }],
    },
    {
      // The same journey's core without code: declarative steps, and a cleanup that empties the run's cart.
      name: 'add to cart',
      kind: 'browser',
      path: '/products/weekend-cotton-turtleneck',
      interval: '60s',
      timeout: '30s',
      tags: ['checkout', 'flow'],
      steps: [
        { name: 'product visible', expectVisible: '[data-testid=add-to-cart]' },
        { name: 'add to cart', click: '[data-testid=add-to-cart]' },
        { name: 'confirmation', expectVisible: '[data-testid=cart-confirmation]', timeout: 5000 },
        { name: 'cart count', expectText: { selector: '[data-testid=cart-count]', equals: '1' } },
        { name: 'open cart', click: '[data-testid=cart-link]' },
        { name: 'checkout button', expectVisible: '[data-testid=checkout]' },
      ],
      cleanup: { script: '../flows/empty-cart.ts' },
      assertions: [{ noConsoleErrors: true }, { maxLcp: 4000 }, { maxPageWeight: 500_000 }],
    },
    // A browser run costs far more than an HTTP check; these two watch one deployment each.
    { name: 'search flow', kind: 'browser', script: '../flows/search.ts', deployments: ['production'], interval: '60s', timeout: '30s', tags: ['flow'] },
    { name: 'account login flow', kind: 'browser', script: '../flows/login.ts', deployments: ['backup'], interval: '60s', timeout: '30s', tags: ['flow'] },
    {
      name: 'product page in browser',
      kind: 'browser',
      pageType: 'product',
      deployments: ['production'],
      interval: '60s',
      timeout: '30s',
      tags: ['storefront'],
      assertions: [{ visible: '[data-testid=add-to-cart]' }, { text: { selector: '[data-testid=price]', contains: '$' } }, { noConsoleErrors: true }],
    },
    // The demo serves HTTPS with its own self-signed certificate on a second port per deployment.
    { name: 'certificate production', kind: 'tls', deployments: ['production'], port: primaryTlsPort, allowSelfSigned: true, minDaysValid: 14, interval: '30s' },
    { name: 'certificate backup', kind: 'tls', deployments: ['backup'], port: backupTlsPort, allowSelfSigned: true, minDaysValid: 14, interval: '30s' },
  ],
  // The demo's inbox prints every alert it receives; add your Slack, Teams, PagerDuty… here the same way.
  channels: [
    {
      name: 'demo-inbox',
      kind: 'webhook',
      url: env.VIGIL_DEMO_INBOX_URL ?? 'http://127.0.0.1:4199/alerts',
      secret: env.VIGIL_DEMO_INBOX_SECRET ?? 'vigil-demo-inbox-secret',
    },
  ],
  // `npm run vigil -- failover -c examples/demo/vigil.config.ts` (or POST /api/v1/actions/failover-to-backup/run) switches
  // production to the backup; here the "switch" is a command that prints what a real one (webhook, Netlify, Vercel,
  // Cloudflare) would do. Vigil refuses while any backup check is not green, and runs it once per incident.
  actions: [
    {
      name: 'failover-to-backup',
      kind: 'failover',
      deployment: 'production',
      toDeployment: 'backup',
      provider: { kind: 'command', command: 'echo "demo: switching traffic from $VIGIL_DEPLOYMENT to $VIGIL_TO_DEPLOYMENT (incident $VIGIL_INCIDENT, asked by $VIGIL_ACTOR)"' },
      timeout: '10s',
    },
  ],
  // Break production (`npm run vigil -- fault set errorStatus=503`) and after 30 confirmed seconds the policy fails over by itself.
  remediation: { policies: [{ name: 'auto-failover', action: 'failover-to-backup', when: { deployment: 'production', downFor: '30s' } }], recheckAfter: '10s' },
  alerting: {
    // Demo pace: confirm with 2 re-checks 3 s apart, so an outage is called within ~10 s.
    confirmation: { recheckInterval: '3s' },
    remindEvery: '5m',
    publicUrl: `http://127.0.0.1:${env.VIGIL_DEMO_SERVER_PORT ?? 8787}`,
  },
  // A job that reports to Vigil instead of being called: the demo pings it every 20 s (`vigil demo` does),
  // so it is up; stop the demo's pinger with `VIGIL_DEMO_NO_JOB=1 npm start` and it goes late, then down.
  heartbeats: [{ name: 'catalog import', id: 'vigil-demo-catalog-import', period: '1m', grace: '30s', tags: ['catalog'] }],
  // The public status page: at /status, and alone on `vigil demo --status-port` (default 8788).
  statusPage: {
    title: 'Vigil Demo Store status',
    components: [
      { name: 'Storefront', description: 'Home, landing and collection pages', pageTypes: ['home', 'landing', 'collection'] },
      { name: 'Product pages', description: 'Product details and prices', pageTypes: ['product'] },
      { name: 'Checkout', description: 'Cart, checkout and payment', tags: ['checkout'] },
    ],
  },
  storage: { dataDir: '../../.vigil/demo' },
  server: { port: Number(env.VIGIL_DEMO_SERVER_PORT ?? 8787) },
});
