import { useState, type FormEvent } from 'react';
import type { AuthState } from '../../server/api/contract';
import { api, RequestError } from '../api';

/** Sign-in, or on first run the creation of the first admin. */
export function LoginPage({ needsSetup, onSignedIn }: { needsSetup: boolean; onSignedIn(state: AuthState): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<{ text: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (needsSetup && password !== confirm) return setProblem({ text: 'The two passwords differ.', field: 'confirm' });
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await api<AuthState>(needsSetup ? '/auth/setup' : '/auth/login', { method: 'POST', body: { username, password } }));
    } catch (error) {
      setProblem({ text: (error as Error).message, field: error instanceof RequestError ? error.field : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form onSubmit={(event) => void submit(event)} aria-describedby={problem ? 'login-problem' : undefined}>
        <h1>{needsSetup ? 'Welcome to Vigil' : 'Sign in to Vigil'}</h1>
        {needsSetup && <p>No one has signed in yet. Create the first administrator; you can add more people later.</p>}
        <label>
          Username
          <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={problem?.field === 'username' || undefined} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={needsSetup ? 'new-password' : 'current-password'}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={problem?.field === 'password' || undefined}
          />
        </label>
        {needsSetup && (
          <label>
            Password again
            <input name="confirm" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} aria-invalid={problem?.field === 'confirm' || undefined} />
          </label>
        )}
        {problem && (
          <p id="login-problem" className="problem" role="alert">
            {problem.text}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {needsSetup ? 'Create administrator' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
