/**
 * The latency benchmark with operators split into teams (BENCH_TEAMS): each
 * bench operator is an operator of one team, and the conversations are spread
 * over the teams so that each console follows the conversations of its own
 * team and hears only their summaries (the team-scoped feed).
 */
const PASSWORD = 'bench-operator-password-1';

async function call<T>(url: string, path: string, token: string, body: unknown): Promise<T> {
  const r = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/**
 * Makes `operators` operators in `teams` teams (operator j in team j % teams)
 * and moves conversation i to the team of operator i % operators, the one the
 * benchmark has follow it. Returns the operators' session tokens.
 */
export async function splitIntoTeams(url: string, adminToken: string, conversationIds: string[], operators: number, teams: number): Promise<string[]> {
  const teamIds: string[] = [];
  for (let t = 0; t < teams; t++) teamIds.push((await call<{ id: string }>(url, '/api/v1/teams', adminToken, { name: `Team ${t + 1}` })).id);
  const tokens: string[] = [];
  for (let j = 0; j < operators; j++) {
    const email = `bench-operator-${j}@example.com`;
    const { operator } = await call<{ operator: { id: string } }>(url, '/api/v1/operators', adminToken, {
      email,
      name: `Operator ${j + 1}`,
      role: 'operator',
      password: PASSWORD,
    });
    await call(url, `/api/v1/teams/${teamIds[j % teams]}/members`, adminToken, { operatorId: operator.id });
    tokens.push((await call<{ token: string }>(url, '/api/v1/auth/login', '', { email, password: PASSWORD })).token);
  }
  for (const [i, id] of conversationIds.entries()) {
    await call(url, `/api/v1/conversations/${id}/team`, adminToken, { teamId: teamIds[(i % operators) % teams] });
  }
  return tokens;
}
