// ESLint flat config. Deliberately small: the rules here guard two design
// conventions (docs: DESIGN.md 1 and 9), not style. tsc --strict does the rest.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules that are pure: plain data and `now` in, decisions out. */
const pureCore = [
  'src/domain/**/*.ts',
  'src/evaluate/**/*.ts',
  'src/remediate/guards.ts',
  'src/remediate/policy.ts',
  'src/remediate/attempt.ts',
  'src/heartbeats/expectation.ts',
  'src/incidents/lifecycle.ts',
  // Imported for values by the modules above; the rule checks direct imports
  // only, so these must be held to the same standard for the core to stay pure.
  'src/notify/maintenance.ts',
  'src/checks/extract/normalise.ts',
];

const ioMessage = 'The pure core does no I/O (DESIGN.md convention 1): take data in, return decisions as values.';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'coverage/', 'test-results/', 'playwright-report/', '.vigil/', '.bench/', '.tmp*/', 'data/'],
  },
  {
    files: ['**/*.{ts,tsx,js}'],
    extends: [js.configs.recommended, tseslint.configs.base],
    languageOptions: {
      parserOptions: {
        // Each file is checked against its nearest tsconfig (src/web has its
        // own, with DOM.Iterable and vite/client); config files at the root
        // that no tsconfig includes use the default project.
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'bin/*.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A dropped promise in a monitor is a lost alert (DESIGN.md convention 9).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `return promise` inside try/catch skips the catch: a down target would
      // then surface as a throw instead of a value (DESIGN.md, seams).
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      // tsc reports undefined names and redeclarations with type information;
      // the untyped core rules only produce false positives on TypeScript.
      'no-undef': 'off',
      'no-redeclare': 'off',
      // tsc's noUnused* are off in this project; unused imports and variables
      // are left to review rather than made errors here.
      'no-unused-vars': 'off',
    },
  },
  {
    files: pureCore,
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: ioMessage },
            {
              regex: '^(undici|better-sqlite3|kysely|playwright-core|@playwright/test|pino|nodemailer|hono|@hono/)',
              message: ioMessage,
            },
            {
              // The project's I/O layers: their types are fine, their values are not.
              regex: '^(\\.\\./)+(store|server|log|browser|cli|monitor|scheduler)(/|$)|(^|/)(channels|providers)(/|$)',
              allowTypeImports: true,
              message: ioMessage,
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take `now` as a parameter so the core is testable with a table of cases.' },
        { object: 'performance', property: 'now', message: 'Take `now` as a parameter.' },
        { object: 'Math', property: 'random', message: 'Take randomness (jitter) as a parameter so decisions are reproducible.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'new Date() reads the clock; take `now` as a parameter.',
        },
      ],
    },
  },
);
