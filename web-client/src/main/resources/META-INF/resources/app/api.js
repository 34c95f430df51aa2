// The public HTTP API with the in-memory access token. Failures are ApiErrors carrying the problem details' stable
// code, so callers decide by code, never by message text.

import { accessToken, renewLogin } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || (status === 0 ? 'NETWORK' : 'UNKNOWN');
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Worth trying again with the same request: the network, the server or a busy lane, never a refusal. */
  get retryable() {
    return this.status === 0 || this.status === 202 || this.status === 429 || this.status >= 500
      || this.code === 'LANE_BUSY';
  }
}

export async function api(method, path, body, { anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (!anonymous) {
    headers.Authorization = `Bearer ${accessToken()}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (networkFailure) {
    throw new ApiError(0, { detail: 'The network is not available.' });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (notJson) {
    data = null;
  }
  if (response.status === 401 && !anonymous) {
    renewLogin();
    throw new ApiError(401, data);
  }
  if (!response.ok) {
    throw new ApiError(response.status, data, Number(response.headers.get('Retry-After')) || undefined);
  }
  return { status: response.status, data, retryAfterSeconds: Number(response.headers.get('Retry-After')) || 1 };
}

export const get = async (path) => (await api('GET', path)).data;
export const post = async (path, body) => (await api('POST', path, body)).data;

const path = (template, ...ids) => template.replace(/\{\}/g, () => encodeURIComponent(ids.shift()));

export const chat = {
  register: (username, password, displayName) => api('POST', '/api/v1/auth/register',
    { username, password, ...(displayName ? { displayName } : {}) }, { anonymous: true }),
  me: () => get('/api/v1/users/me'),
  profiles: (ids) => get(`/api/v1/users?ids=${ids.map(encodeURIComponent).join(',')}`),
  search: (query) => get(`/api/v1/users?query=${encodeURIComponent(query)}&limit=20`),
  inbox: () => get('/api/v1/dialogs?limit=100'),
  dialog: (dialogId) => get(path('/api/v1/dialogs/{}', dialogId)),
  openDirect: (peerUserId) => post('/api/v1/dialogs', { type: 'direct', peerUserId }),
  createGroup: (title, memberIds) => post('/api/v1/dialogs', { type: 'group', title, memberIds }),
  addMembers: (dialogId, userIds) => post(path('/api/v1/dialogs/{}/members', dialogId), { userIds }),
  latest: (dialogId, limit) => get(path('/api/v1/dialogs/{}/messages', dialogId) + `?limit=${limit}`),
  before: (dialogId, seq, limit) => get(path('/api/v1/dialogs/{}/messages', dialogId) + `?beforeSeq=${seq}&limit=${limit}`),
  after: (dialogId, seq, limit) => get(path('/api/v1/dialogs/{}/messages', dialogId) + `?afterSeq=${seq}&limit=${limit}`),
  send: (dialogId, clientMessageId, text) => api('POST', path('/api/v1/dialogs/{}/messages', dialogId),
    { clientMessageId, body: { type: 'text', text } }),
  markRead: (dialogId, upToSeq) => post(path('/api/v1/dialogs/{}/read', dialogId), { upToSeq }),
  blocks: () => get('/api/v1/blocks'),
  block: (userId) => api('PUT', path('/api/v1/blocks/{}', userId)),
  unblock: (userId) => api('DELETE', path('/api/v1/blocks/{}', userId)),
  presence: (userIds) => get(`/api/v1/presence?userIds=${userIds.map(encodeURIComponent).join(',')}`),
  ticket: () => post('/api/v1/ws/ticket'),
};
