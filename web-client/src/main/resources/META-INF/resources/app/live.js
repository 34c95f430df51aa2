// The one WebSocket of this page: a ticket, then `resume` with what the page holds, then live frames. Dropped
// frames (a hole in sessionSeq, or a `gap` frame) and reconnects are both answered with another `resume`, never by
// reading the history again. Reconnects back off (0.5 s doubling to 15 s, with jitter) so a server that comes back
// is not met by every client in the same second.

import { chat, ApiError } from './api.js';

const PING_EVERY_MS = 25_000;
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 15_000;
/** A connection that has not said welcome by then is given up and tried again. */
const WELCOME_WITHIN_MS = 10_000;
/** A socket silent this long after a ping is taken for dead. */
const PONG_WITHIN_MS = 10_000;

export class LiveConnection {
  /**
   * @param holds () => ({dialogId: last dialogSeq held without a hole})
   * @param onFrame (frame) => void, for every frame but welcome, gap and pong
   * @param onState ('connecting' | 'live' | 'offline', detail) => void
   * @param onWelcome (welcome frame) => void or a promise; `resume` is sent when it settles
   * @param onRevoked () => void, when the server closes with 4401
   */
  constructor({ holds, onFrame, onState, onWelcome, onRevoked }) {
    Object.assign(this, { holds, onFrame, onState, onWelcome, onRevoked });
    this.socket = null;
    this.retryMs = FIRST_RETRY_MS;
    this.expectedSeq = 1;
    this.stopped = false;
    this.pinger = null;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearInterval(this.pinger);
    clearTimeout(this.retryTimer);
    clearTimeout(this.welcomeTimer);
    this.socket?.close(1000, 'bye');
  }

  get live() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends a client frame if the socket is open; answers whether it went out. */
  send(frame) {
    if (!this.live) {
      return false;
    }
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  resume() {
    this.send({ type: 'resume', dialogs: this.holds() });
  }

  async connect() {
    if (this.stopped || this.connecting) {
      return;
    }
    this.connecting = true;
    try {
      await this.open();
    } finally {
      this.connecting = false;
    }
  }

  async open() {
    this.onState('connecting');
    let ticket;
    try {
      ticket = await chat.ticket();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) {
        return; // the page is renewing its login
      }
      this.retryLater();
      return;
    }
    if (this.stopped) {
      return;
    }
    let socket;
    try {
      socket = new WebSocket(`${ticket.url}?ticket=${encodeURIComponent(ticket.ticket)}`);
    } catch (refused) {
      this.retryLater();
      return;
    }
    this.socket = socket;
    this.expectedSeq = 1;
    socket.onmessage = (event) => this.received(event.data);
    socket.onclose = (event) => this.closed(socket, event);
    socket.onerror = () => {
      // onclose follows and decides
    };
    this.welcomeTimer = setTimeout(() => {
      if (this.socket === socket && this.expectedSeq === 1) {
        socket.onclose = null;
        socket.close();
        this.closed(socket, { code: 1006 });
      }
    }, WELCOME_WITHIN_MS);
  }

  /** The network is back (the browser says so): no need to wait for the backoff. */
  reconnectNow() {
    if (!this.stopped && this.socket && this.socket.readyState !== WebSocket.OPEN) {
      const stale = this.socket;
      stale.onclose = null;
      stale.close();
      this.socket = null;
      clearTimeout(this.welcomeTimer);
    }
    if (!this.stopped && !this.socket) {
      clearTimeout(this.retryTimer);
      this.retryMs = FIRST_RETRY_MS;
      this.connect();
    }
  }

  /**
   * Pings, and gives up a socket that said nothing since the last ping (a half-open connection after a network
   * change or a sleep), so the page reconnects and resumes instead of waiting forever.
   */
  keepAlive() {
    if (this.socket && Date.now() - this.lastFrameAt > PING_EVERY_MS + PONG_WITHIN_MS) {
      const silent = this.socket;
      silent.onclose = null;
      silent.close();
      this.closed(silent, { code: 1006 });
      return;
    }
    this.send({ type: 'ping' });
  }

  received(data) {
    this.lastFrameAt = Date.now();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (notJson) {
      return;
    }
    const dropped = typeof frame.sessionSeq === 'number' && frame.sessionSeq !== this.expectedSeq;
    if (typeof frame.sessionSeq === 'number') {
      this.expectedSeq = frame.sessionSeq + 1;
    }
    if (frame.type === 'welcome') {
      this.retryMs = FIRST_RETRY_MS;
      // the page may first have to read again what it holds (a new epoch): resume says what it holds after that
      Promise.resolve(this.onWelcome(frame)).then(() => this.resume());
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.keepAlive(), PING_EVERY_MS);
      this.onState('live');
      return;
    }
    if (frame.type === 'gap' || dropped) {
      this.resume();
    }
    if (frame.type !== 'gap' && frame.type !== 'pong') {
      this.onFrame(frame);
    }
  }

  closed(socket, event) {
    if (socket !== this.socket) {
      return;
    }
    clearInterval(this.pinger);
    clearTimeout(this.welcomeTimer);
    this.socket = null;
    if (this.stopped) {
      return;
    }
    if (event.code === 4401) {
      this.onState('offline', 'This device was signed out.');
      this.onRevoked();
      return;
    }
    if (event.code === 4409 && Date.now() - (this.movedAt || 0) > LAST_RETRY_MS) {
      this.movedAt = Date.now();
      this.connect(); // the user's deliveries moved to another node: a new ticket names it
      return;
    }
    this.retryLater();
  }

  retryLater() {
    this.onState('offline');
    const delay = this.retryMs / 2 + Math.random() * (this.retryMs / 2);
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}
