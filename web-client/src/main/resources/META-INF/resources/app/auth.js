// Logging in with UAA's login page: OAuth 2.1 authorization code with PKCE, the web client being the public client
// "chat-web" whose redirect URI is this page. The access token lives in memory only (never in localStorage or
// sessionStorage): a reload gets a new one by going through /oauth2/authorize again, which UAA answers at once
// while its login session lasts. sessionStorage keeps only the PKCE verifier across the redirect and a flag that
// the user was signed in, so a reload goes straight back to UAA instead of to the welcome page.

const CLIENT_ID = 'chat-web';
const PKCE_KEY = 'chat.pkce';
const SIGNED_IN_KEY = 'chat.signedIn';

let session = null;

const redirectUri = () => `${location.origin}/`;

function base64url(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomToken = (size) => base64url(crypto.getRandomValues(new Uint8Array(size)));

function claimsOf(jwt) {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), '=')));
}

/** Leaves for UAA: its login page when there is no login session, straight back with a code when there is. */
export async function startLogin() {
  const verifier = randomToken(48);
  const state = randomToken(16);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: 'code', client_id: CLIENT_ID, scope: 'openid profile', redirect_uri: redirectUri(),
    code_challenge: challenge, code_challenge_method: 'S256', state,
  });
  location.assign(`/oauth2/authorize?${query}`);
}

/**
 * On the way back from UAA: exchanges the code for tokens. Answers the session, or null when this page load is not
 * a return from UAA; throws when the return is not one this page started.
 */
export async function completeLogin() {
  const answer = new URLSearchParams(location.search);
  if (!answer.has('code') && !answer.has('error')) {
    return null;
  }
  history.replaceState(null, '', '/');
  const started = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  const failed = () => {
    // never straight back to UAA after this: a login that keeps failing must not loop
    sessionStorage.removeItem(SIGNED_IN_KEY);
    return new Error('The login did not complete; please log in again.');
  };
  if (answer.has('error') || !started || started.state !== answer.get('state')) {
    throw failed();
  }
  try {
    const response = await fetch('/oauth2/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', client_id: CLIENT_ID, code: answer.get('code'),
        redirect_uri: redirectUri(), code_verifier: started.verifier,
      }),
    });
    if (!response.ok) {
      throw failed();
    }
    const tokens = await response.json();
    const claims = claimsOf(tokens.access_token);
    session = {
      accessToken: tokens.access_token,
      idToken: tokens.id_token,
      userId: claims.sub,
      expiresAt: claims.exp * 1000,
    };
  } catch (failure) {
    throw failed();
  }
  sessionStorage.setItem(SIGNED_IN_KEY, '1');
  return session;
}

/** True when this tab was signed in before a reload: UAA probably still has a login session. */
export const wasSignedIn = () => sessionStorage.getItem(SIGNED_IN_KEY) === '1';

export const currentSession = () => session;

export const accessToken = () => session?.accessToken;

const RENEWALS_KEY = 'chat.renewals';
const RENEWALS_PER_MINUTE = 3;
let renewing = false;

/**
 * The token expired or was refused: get a new one (a reload through UAA; pending sends survive it). Once, however
 * many requests were refused at the same time; and a token refused again and again (a clock far off, a wrong
 * issuer) ends at the welcome page rather than in a loop through UAA.
 */
export function renewLogin() {
  if (renewing) {
    return;
  }
  renewing = true;
  session = null;
  const now = Date.now();
  const recent = JSON.parse(sessionStorage.getItem(RENEWALS_KEY) || '[]').filter((at) => now - at < 60_000);
  if (recent.length >= RENEWALS_PER_MINUTE) {
    sessionStorage.removeItem(SIGNED_IN_KEY);
    sessionStorage.removeItem(RENEWALS_KEY);
    location.assign('/');
    return;
  }
  sessionStorage.setItem(RENEWALS_KEY, JSON.stringify([...recent, now]));
  startLogin();
}

/** Ends UAA's login session too (OIDC RP-initiated logout), then comes back to the welcome page. */
export function logout() {
  const idToken = session?.idToken;
  session = null;
  sessionStorage.removeItem(SIGNED_IN_KEY);
  if (!idToken) {
    location.assign('/');
    return;
  }
  const query = new URLSearchParams({
    id_token_hint: idToken, post_logout_redirect_uri: redirectUri(), client_id: CLIENT_ID,
  });
  location.assign(`/connect/logout?${query}`);
}
