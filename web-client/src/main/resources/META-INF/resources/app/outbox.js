// Sends that have not been answered yet. Each keeps its clientMessageId from the moment the user pressed Send, so
// every retry is the same send to the server (it answers the same 201 however often it is asked): a message is
// never stored twice, and one the page lost track of (a reload, a crash, the network) is sent again on the next
// load. Kept in localStorage per user: the user's own unsent text, never a token. Sends of one dialog go one at a
// time in the order they were written, which is the order the server numbers them in.

const RETRY_FIRST_MS = 1000;
const RETRY_LAST_MS = 30_000;

export const PENDING = 'pending';
export const FAILED = 'failed';

export class Outbox {
  /**
   * @param userId whose outbox this is
   * @param transmit async (entry) => {status, data, retryAfterSeconds}; throws ApiError
   * @param onSent (entry, sent message) => void
   * @param onChange () => void, whenever an entry is added, changes state or leaves
   */
  constructor(userId, { transmit, onSent, onChange }) {
    this.key = `chat.outbox.${userId}`;
    Object.assign(this, { transmit, onSent, onChange });
    this.entries = JSON.parse(localStorage.getItem(this.key) || '[]');
    this.busy = new Set();
    this.timers = new Map();
    this.attempts = new Map();
  }

  forDialog(dialogId) {
    return this.entries.filter((entry) => entry.dialogId === dialogId);
  }

  add(dialogId, text) {
    const entry = {
      clientMessageId: crypto.randomUUID(), dialogId, text, createdAt: new Date().toISOString(), state: PENDING,
    };
    this.entries.push(entry);
    this.changed();
    this.flush(dialogId);
    return entry;
  }

  /** Sends every dialog's waiting entries (after a reload, or when the network is back). */
  flushAll() {
    for (const dialogId of new Set(this.entries.map((entry) => entry.dialogId))) {
      this.flush(dialogId, true);
    }
  }

  retry(clientMessageId) {
    const entry = this.entries.find((candidate) => candidate.clientMessageId === clientMessageId);
    if (entry) {
      this.attempts.delete(entry.dialogId);
      entry.state = PENDING;
      delete entry.error;
      this.changed();
      this.flush(entry.dialogId, true);
    }
  }

  /** The user gives up a refused send: what waited behind it goes now. */
  discard(clientMessageId) {
    const discarded = this.entries.find((entry) => entry.clientMessageId === clientMessageId);
    this.forget(clientMessageId);
    if (discarded) {
      this.flush(discarded.dialogId, true);
    }
  }

  /** Forgets every unsent entry (logging out). */
  clear() {
    this.entries = [];
    localStorage.removeItem(this.key);
  }

  forget(clientMessageId) {
    this.entries = this.entries.filter((entry) => entry.clientMessageId !== clientMessageId);
    this.changed();
  }

  async flush(dialogId, now = false) {
    if (this.busy.has(dialogId)) {
      return;
    }
    if (now) {
      clearTimeout(this.timers.get(dialogId));
      this.timers.delete(dialogId);
    } else if (this.timers.has(dialogId)) {
      return;
    }
    this.busy.add(dialogId);
    try {
      for (;;) {
        // the dialog's oldest unsent entry goes first; a refused one holds the rest until retried or discarded,
        // so the server numbers them in the order they were written
        const head = this.entries.find((entry) => entry.dialogId === dialogId);
        if (!head || head.state !== PENDING) {
          return;
        }
        const outcome = await this.attempt(head);
        if (outcome.retryInMs !== undefined) {
          const attempt = this.attempts.get(dialogId) || 0;
          this.attempts.set(dialogId, attempt + 1);
          const delay = Math.max(outcome.retryInMs, Math.min(RETRY_FIRST_MS * 2 ** attempt, RETRY_LAST_MS));
          this.timers.set(dialogId, setTimeout(() => {
            this.timers.delete(dialogId);
            this.flush(dialogId);
          }, delay));
          return;
        }
        this.attempts.delete(dialogId);
      }
    } finally {
      this.busy.delete(dialogId);
    }
  }

  async attempt(entry) {
    try {
      const answer = await this.transmit(entry);
      if (answer.status === 202) {
        return { retryInMs: answer.retryAfterSeconds * 1000 }; // still being sent: ask again, same id
      }
      this.forget(entry.clientMessageId);
      this.onSent(entry, answer.data);
      return {};
    } catch (failure) {
      if (failure.status === 401) {
        return { retryInMs: RETRY_FIRST_MS }; // the page is renewing its login: the entry waits, unchanged
      }
      if (failure.retryable) {
        entry.error = failure.message;
        this.changed();
        return { retryInMs: (failure.retryAfterSeconds || 1) * 1000 };
      }
      entry.state = FAILED;
      entry.error = failure.message;
      this.changed();
      return {};
    }
  }

  changed() {
    localStorage.setItem(this.key, JSON.stringify(this.entries));
    this.onChange();
  }
}
