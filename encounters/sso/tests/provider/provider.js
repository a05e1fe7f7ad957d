// A real OpenID Connect provider on loopback, for the sign-in tests only (never deployed).
//
// oidc-provider (OpenID Certified) does the protocol: discovery, authorization code flow with
// PKCE required, state and nonce, signed ID tokens, userinfo, RP-initiated logout. This file
// adds only what a provider's admin screens would: accounts with their groups, a login page,
// and test controls under /__test__/ (guarded by a token) that change an account, remove it,
// or make the token endpoint hand out a faulty ID token (tampered, another audience, expired,
// another issuer, another nonce) so that the tests can check the relying party refuses it.
//
// Start: PROVIDER_CONFIG='{"clients": [...], "accounts": {...}, "control_token": "..."}' node provider.js
// It listens on a free 127.0.0.1 port and prints one JSON line {"issuer": "..."} when ready.

import { randomBytes } from 'node:crypto';
import http from 'node:http';

import * as jose from 'jose';
import { Provider, interactionPolicy } from 'oidc-provider';

const config = JSON.parse(process.env.PROVIDER_CONFIG);
let accounts = structuredClone(config.accounts);
let fault = null;

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await jose.exportJWK(privateKey)), kid: 'loopback-1', alg: 'RS256', use: 'sig' };

const server = http.createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

function accountBySubject(sub) {
  return Object.values(accounts).find((account) => account.claims.sub === sub);
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

// An account removed while its session here lives on must sign in again (which it cannot):
// a silent re-check (prompt=none) then answers login_required, as Entra ID and Keycloak do.
const policy = interactionPolicy.base();
policy.get('login').checks.add(new interactionPolicy.Check(
  'account_removed',
  'the account no longer exists',
  (ctx) => (ctx.oidc.session.accountId && !ctx.oidc.account
    ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT),
));

const provider = new Provider(issuer, {
  interactions: { policy },
  clients: config.clients,
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // Groups come with every token, as Entra ID's groups claim and Keycloak's group mapper give them.
  claims: {
    openid: ['sub', 'groups'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    email: ['email', 'email_verified'],
  },
  // Put the claims in the ID token too (Entra ID sends groups only there).
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Sign out', `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`);
      },
    },
  },
  // Refuse any authorization request without PKCE, also from confidential clients.
  pkce: { required: () => true },
  ttl: {
    AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 7200, Grant: 7200,
  },
  async findAccount(ctx, sub) {
    const account = accountBySubject(sub);
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ ...account.claims, sub }) };
  },
  // First-party application: no consent screen, as an organisation's own app registration.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const grant = await ctx.oidc.provider.Grant.find(grantId);
      if (grant) return grant;
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile email');
    await grant.save();
    return grant;
  },
});

// The test controls' faulty ID tokens: what an attacker or a misconfigured provider could send.
async function faulty(idToken, kind) {
  const [header, payload, signature] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url'));
  if (kind === 'tampered') {
    // Edited on the way, signature kept: the signature no longer matches.
    claims.groups = [...(claims.groups || []), 'organisation-admins'];
    return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
  }
  const now = Math.floor(Date.now() / 1000);
  if (kind === 'wrong-audience') claims.aud = 'another-application';
  else if (kind === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  else if (kind === 'wrong-issuer') claims.iss = 'http://127.0.0.1:9/';
  else if (kind === 'wrong-nonce') claims.nonce = 'replayed-from-another-sign-in';
  else throw new Error(`unknown fault ${kind}`);
  // Signed with the provider's own key: only the claims are wrong.
  return new jose.SignJWT(claims)
    .setProtectedHeader(JSON.parse(Buffer.from(header, 'base64url')))
    .sign(privateKey);
}

provider.use(async (ctx, next) => {
  await next();
  if (fault && ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await faulty(ctx.body.id_token, fault) };
  }
});

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

function send(res, status, body, type = 'text/html; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function loginPage(uid, error = '') {
  return page('Loopback provider: sign in', `
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
  <p><label for="username">User name</label><br><input id="username" name="username" autocomplete="username" required></p>
  <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
  <button type="submit">Sign in</button>
</form>`);
}

async function interaction(req, res, url) {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt } = details;
  if (req.method === 'GET' && prompt.name === 'login') {
    return send(res, 200, loginPage(uid));
  }
  if (req.method === 'GET' && prompt.name === 'consent') {
    const grant = new provider.Grant({ clientId: details.params.client_id, accountId: details.session.accountId });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  if (req.method === 'POST' && url.pathname.endsWith('/login')) {
    const form = new URLSearchParams(await readBody(req));
    const account = accounts[form.get('username')];
    if (!account || account.password !== form.get('password')) {
      return send(res, 200, loginPage(uid, 'Wrong user name or password.'));
    }
    return provider.interactionFinished(
      req, res, { login: { accountId: account.claims.sub } }, { mergeWithLastSubmission: false },
    );
  }
  return send(res, 405, 'method not allowed', 'text/plain');
}

async function control(req, res, url) {
  if (req.headers['x-control-token'] !== config.control_token) return send(res, 403, 'forbidden', 'text/plain');
  const body = req.method === 'GET' ? '' : await readBody(req);
  const data = body ? JSON.parse(body) : {};
  const [, , what, name] = url.pathname.split('/');
  if (what === 'reset' && req.method === 'POST') {
    accounts = structuredClone(config.accounts);
    fault = null;
  } else if (what === 'accounts' && req.method === 'PUT') {
    accounts[name] = { ...accounts[name], ...data, claims: { ...accounts[name]?.claims, ...data.claims } };
  } else if (what === 'accounts' && req.method === 'DELETE') {
    delete accounts[name];
  } else if (what === 'fault' && req.method === 'PUT') {
    fault = data.kind || null;
  } else {
    return send(res, 404, 'no such control', 'text/plain');
  }
  return send(res, 204, '');
}

const handle = provider.callback();
server.on('request', async (req, res) => {
  const url = new URL(req.url, issuer);
  try {
    if (url.pathname.startsWith('/interaction/')) return await interaction(req, res, url);
    if (url.pathname.startsWith('/__test__/')) return await control(req, res, url);
    return await handle(req, res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) send(res, 500, `${error.name}: ${error.message}`, 'text/plain');
    return undefined;
  }
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
console.log(JSON.stringify({ issuer }));
