// What this client holds of one dialog, by dialogSeq. Pure: no network, no DOM.
//
// `held` is the last dialogSeq held without a hole; it is what `resume` tells the server, so a reconnect brings
// exactly what is missing. A dialog never opened holds no messages, only the inbox's last dialogSeq: its history
// is read when it is opened, and the live frames meanwhile only move the inbox.

export const ACCEPTED = 'accepted';
export const DUPLICATE = 'duplicate';
/** The message was kept, but the ones between the held range and it are missing: read them from the history. */
export const HOLE = 'hole';

export class Timeline {
  constructor(lastKnownSeq = 0) {
    this.items = new Map();
    this.held = lastKnownSeq;
    this.loaded = false;
    this.oldest = null;
    this.hasOlder = false;
  }

  /** A live or resumed message (also one this client sent, from the send's answer). */
  accept(message) {
    const seq = message.dialogSeq;
    if (!this.loaded) {
      // not opened: nothing is kept (opening reads the newest page), only how far the dialog goes
      if (seq <= this.held) {
        return DUPLICATE;
      }
      this.held = seq;
      return ACCEPTED;
    }
    if (this.items.has(seq)) {
      return DUPLICATE;
    }
    this.items.set(seq, message);
    if (seq <= this.held) {
      return ACCEPTED;
    }
    if (seq === this.held + 1) {
      this.held = seq;
      this.advance();
      return ACCEPTED;
    }
    return HOLE;
  }

  /** The newest page of history, read when the dialog is first opened. */
  addLatest(page) {
    this.addItems(page.items);
    this.loaded = true;
    this.hasOlder = page.hasMore;
    const newest = page.items.length ? page.items[page.items.length - 1].dialogSeq : 0;
    this.held = Math.max(this.held, newest);
    this.advance();
  }

  /** An older page (scrolling back). */
  addOlder(page) {
    this.addItems(page.items);
    this.hasOlder = page.hasMore;
  }

  /** Messages read to fill a hole (ascending from `held`). */
  addMissing(page) {
    this.addItems(page.items);
    this.advance();
  }

  addItems(items) {
    for (const item of items) {
      this.items.set(item.dialogSeq, item);
      this.oldest = this.oldest === null ? item.dialogSeq : Math.min(this.oldest, item.dialogSeq);
    }
  }

  advance() {
    while (this.items.has(this.held + 1)) {
      this.held += 1;
    }
  }

  get newestSeq() {
    let newest = this.held;
    for (const seq of this.items.keys()) {
      newest = Math.max(newest, seq);
    }
    return newest;
  }

  /** Messages in dialogSeq order. */
  ordered() {
    return [...this.items.values()].sort((a, b) => a.dialogSeq - b.dialogSeq);
  }

  /** Forgets everything (the read models were rebuilt: a new epoch). */
  reset(lastKnownSeq) {
    this.items.clear();
    this.held = lastKnownSeq;
    this.loaded = false;
    this.oldest = null;
    this.hasOlder = false;
  }
}
