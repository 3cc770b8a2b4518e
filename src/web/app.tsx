import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { AuthState, User } from '../server/api/contract';
import { api, setCsrfToken, whenUnauthorized } from './api';
import { LiveProvider, useLive } from './live';
import { LoginPage } from './pages/login';
import { GridPage } from './pages/grid';
import { IncidentsPage } from './pages/incidents';
import { IncidentPage } from './pages/incident';
import { HeartbeatsPage } from './pages/heartbeats';
import { DeploymentsPage } from './pages/deployments';
import { AccessPage } from './pages/access';
import { Link, match, Router, useLocation } from './router';

// The check page carries uPlot: loaded on demand so the grid, the first thing people open, does not wait for it.
const CheckPage = lazy(() => import('./pages/check'));

export function App() {
  const [auth, setAuth] = useState<AuthState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = useCallback(() => {
    void api<AuthState>('/auth/state').then(
      (state) => {
        setCsrfToken(state.csrfToken);
        setAuth(state);
        setProblem(null);
      },
      (error: unknown) => setProblem(`Vigil's server did not answer: ${(error as Error).message}`),
    );
  }, []);
  useEffect(() => {
    refresh();
    whenUnauthorized(refresh);
  }, [refresh]);

  if (problem) return <p className="page-message" role="alert">{problem}</p>;
  if (!auth) return <p className="page-message">Loading…</p>;
  if (!auth.user) return <LoginPage needsSetup={auth.needsSetup} onSignedIn={(state) => (setCsrfToken(state.csrfToken), setAuth(state))} />;
  return (
    <Router>
      <LiveProvider onStreamRefused={refresh}>
        <Shell user={auth.user} onSignedOut={refresh} />
      </LiveProvider>
    </Router>
  );
}

function Shell({ user, onSignedOut }: { user: User; onSignedOut(): void }) {
  const { pathname } = useLocation();
  const { connected } = useLive();
  const signOut = () => {
    void api('/auth/logout', { method: 'POST' }).then(onSignedOut, onSignedOut);
  };
  const section = (prefix: string) => (prefix === '/' ? pathname === '/' || pathname.startsWith('/checks') : pathname.startsWith(prefix)) ? 'page' : undefined;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Vigil
        </Link>
        <nav aria-label="Sections">
          <Link to="/" aria-current={section('/')}>
            Status
          </Link>
          <Link to="/incidents" aria-current={section('/incidents')}>
            Incidents
          </Link>
          <Link to="/heartbeats" aria-current={section('/heartbeats')}>
            Heartbeats
          </Link>
          <Link to="/deployments" aria-current={section('/deployments')}>
            Deployments
          </Link>
          {user.role === 'admin' && (
            <Link to="/access" aria-current={section('/access')}>
              Access
            </Link>
          )}
          <a href="/status">Status page</a>
        </nav>
        <span className={`live-dot ${connected ? 'on' : 'off'}`} title={connected ? 'Live: updates arrive as they happen' : 'Reconnecting to live updates…'}>
          {connected ? 'live' : 'offline'}
        </span>
        <span className="who">
          {user.name} <small>({user.role})</small>
        </span>
        <button type="button" className="quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="page-message">Loading…</p>}>
          <Page pathname={pathname} user={user} />
        </Suspense>
      </main>
    </>
  );
}

function Page({ pathname, user }: { pathname: string; user: User }) {
  let params: Record<string, string> | null;
  if (pathname === '/' || pathname === '') return <GridPage />;
  if ((params = match('/checks/:id', pathname))) return <CheckPage checkId={params.id!} />;
  if (pathname === '/incidents') return <IncidentsPage />;
  if ((params = match('/incidents/:id', pathname))) return <IncidentPage id={params.id!} user={user} />;
  if (pathname === '/heartbeats') return <HeartbeatsPage />;
  if (pathname === '/deployments') return <DeploymentsPage />;
  if (pathname === '/access' && user.role === 'admin') return <AccessPage me={user} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        Nothing lives at <code>{pathname}</code>. <Link to="/">Back to the status grid</Link>.
      </p>
    </section>
  );
}
