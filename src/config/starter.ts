/** The commented starter configs `vigil init` writes. Both validate as they are (test/config.test.ts checks it). */

export const starterTypeScript = `import { defineConfig } from 'vigil';

/**
 * Vigil config: your store, its deployments, its page types and the checks
 * that watch them. Hover any field in your editor for its documentation.
 * Validate with \`npx vigil validate\`, run with \`npx vigil run\`.
 */
export default defineConfig({
  site: { name: 'My Store' },

  // Every check runs against every deployment unless limited with \`deployments\`.
  deployments: [
    { name: 'production', baseUrl: 'https://shop.example.com', role: 'primary', provider: 'netlify' },
    // { name: 'backup', baseUrl: 'https://backup.shop.example.com', role: 'backup', provider: 'vercel' },
  ],

  // The kinds of page your customers see; a check on a page type runs once per path.
  pageTypes: {
    home: { paths: ['/'], revenuePerHour: 500 },
    collection: { paths: ['/collections/all'] },
    product: { paths: ['/products/example-product'] },
    cart: { paths: ['/cart'] },
  },

  defaults: { interval: '60s', timeout: '10s' },

  checks: [
    {
      name: 'home page',
      kind: 'http',
      pageType: 'home',
      assertions: [{ status: 200 }, { responseTime: { lessThan: 2000 } }, { body: { contains: '</html>' } }],
    },
    { name: 'product page', kind: 'http', pageType: 'product', assertions: [{ status: 200 }] },
    { name: 'cart page', kind: 'http', pageType: 'cart', interval: '30s' },
    // Secrets come from the environment, never from this file:
    // { name: 'admin api', kind: 'http', url: 'https://api.example.com/health', headers: { authorization: 'Bearer \${env:API_TOKEN}' } },
    { name: 'certificate', kind: 'tls', deployments: ['production'], minDaysValid: 14 },
  ],

  storage: { dataDir: '.vigil', retention: { rawDays: 14 } },
  server: { port: 8787 },
});
`;

export const starterYaml = `# Vigil config: your store, its deployments, its page types and the checks
# that watch them. Validate with \`npx vigil validate\`, run with \`npx vigil run\`.
site:
  name: My Store

# Every check runs against every deployment unless limited with \`deployments\`.
deployments:
  - name: production
    baseUrl: https://shop.example.com
    role: primary
    provider: netlify
  # - name: backup
  #   baseUrl: https://backup.shop.example.com
  #   role: backup

# The kinds of page your customers see; a check on a page type runs once per path.
pageTypes:
  home: { paths: ["/"], revenuePerHour: 500 }
  product: { paths: ["/products/example-product"] }
  cart: { paths: ["/cart"] }

defaults:
  interval: 60s   # at least 10s
  timeout: 10s

checks:
  - name: home page
    kind: http
    pageType: home
    assertions:
      - status: 200
      - responseTime: { lessThan: 2000 }
      - body: { contains: "</html>" }
  - name: product page
    kind: http
    pageType: product
  # Secrets come from the environment: \${env:API_TOKEN}
  - name: certificate
    kind: tls
    deployments: [production]
    minDaysValid: 14

storage:
  dataDir: .vigil
  retention: { rawDays: 14 }
server:
  port: 8787
`;
