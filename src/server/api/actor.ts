/**
 * Who did it, from the credentials. A person logged in is who they are; a
 * token speaks for a tool (a chat bot, a script), which may say on whose
 * behalf in `by`: recorded as `alice via token:chatops`.
 */
export function actorOf(signedIn: string | undefined, body: Record<string, unknown>): string {
  const claimed = typeof body.by === 'string' && body.by.trim() ? body.by.trim().slice(0, 100) : undefined;
  if (!signedIn) return claimed ?? 'api';
  return signedIn.startsWith('token:') && claimed ? `${claimed} via ${signedIn}` : signedIn;
}
