import { useState, type FormEvent } from 'react';
import type { ApiToken, CreatedToken, Role, TokenScope, User } from '../../server/api/contract';
import { api } from '../api';
import { formatRelative, formatTime } from '../format';
import { useApi } from '../use-api';

const roles: Role[] = ['admin', 'editor', 'viewer'];

/** People and API tokens (admins only): add, change role, remove; create a token (its secret shown once), revoke. */
export function AccessPage({ me }: { me: User }) {
  const users = useApi<{ users: User[] }>('/users');
  const tokens = useApi<{ tokens: ApiToken[] }>('/tokens');
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [newUser, setNewUser] = useState({ name: '', role: 'viewer' as Role, password: '' });
  const [newToken, setNewToken] = useState({ name: '', scope: 'read' as TokenScope });

  const run = async (work: () => Promise<unknown>, after: () => void) => {
    setProblem(null);
    try {
      await work();
      after();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const addUser = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () => api('/users', { method: 'POST', body: newUser }),
      () => (setNewUser({ name: '', role: 'viewer', password: '' }), users.reload()),
    );
  };
  const addToken = (event: FormEvent) => {
    event.preventDefault();
    void run(
      async () => setCreated(await api<CreatedToken>('/tokens', { method: 'POST', body: newToken })),
      () => (setNewToken({ name: '', scope: 'read' }), tokens.reload()),
    );
  };
  const now = Date.now();

  return (
    <section aria-labelledby="access-title">
      <h1 id="access-title">People and tokens</h1>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <h2>People</h2>
      {users.error && <p className="problem">{users.error}</p>}
      {users.data && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((user) => (
              <tr key={user.name}>
                <th scope="row">{user.name}</th>
                <td>
                  <select
                    aria-label={`Role of ${user.name}`}
                    value={user.role}
                    onChange={(event) => void run(() => api(`/users/${encodeURIComponent(user.name)}`, { method: 'PATCH', body: { role: event.target.value } }), users.reload)}
                  >
                    {roles.map((role) => (
                      <option key={role}>{role}</option>
                    ))}
                  </select>
                </td>
                <td>{formatTime(user.createdAt)}</td>
                <td>
                  {user.name !== me.name && (
                    <button type="button" className="quiet" onClick={() => window.confirm(`Remove ${user.name}?`) && void run(() => api(`/users/${encodeURIComponent(user.name)}`, { method: 'DELETE' }), users.reload)}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={addUser} aria-label="Add a person">
        <label>
          Name
          <input required value={newUser.name} onChange={(e) => setNewUser({ ...newUser, name: e.target.value })} autoComplete="off" />
        </label>
        <label>
          Role
          <select value={newUser.role} onChange={(e) => setNewUser({ ...newUser, role: e.target.value as Role })}>
            {roles.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </label>
        <label>
          Password (10+ characters)
          <input required type="password" minLength={10} autoComplete="new-password" value={newUser.password} onChange={(e) => setNewUser({ ...newUser, password: e.target.value })} />
        </label>
        <button type="submit">Add person</button>
      </form>

      <h2>API tokens</h2>
      {created && (
        <div className="secret" role="status">
          <p>
            Token <strong>{created.name}</strong> ({created.scope}). Copy it now: it is not shown again.
          </p>
          <code>{created.secret}</code>
          <button type="button" className="quiet" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {tokens.error && <p className="problem">{tokens.error}</p>}
      {tokens.data && tokens.data.tokens.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scope</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.tokens.map((token) => (
              <tr key={token.id} className={token.revokedAt ? 'revoked' : undefined}>
                <th scope="row">{token.name}</th>
                <td>{token.scope}</td>
                <td>
                  {formatTime(token.createdAt)} <small>by {token.createdBy}</small>
                </td>
                <td>{formatRelative(token.lastUsedAt, now)}</td>
                <td>
                  {token.revokedAt ? (
                    <small>revoked {formatRelative(token.revokedAt, now)}</small>
                  ) : (
                    <button type="button" className="quiet" onClick={() => void run(() => api(`/tokens/${token.id}`, { method: 'DELETE' }), tokens.reload)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={addToken} aria-label="Create a token">
        <label>
          Token name
          <input required value={newToken.name} onChange={(e) => setNewToken({ ...newToken, name: e.target.value })} placeholder="ci-deploy" />
        </label>
        <label>
          Scope
          <select value={newToken.scope} onChange={(e) => setNewToken({ ...newToken, scope: e.target.value as TokenScope })}>
            <option value="read">read</option>
            <option value="write">write</option>
          </select>
        </label>
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}
