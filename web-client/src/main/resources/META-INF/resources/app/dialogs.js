// The user's dialogs as this page knows them: the inbox entries, each with its members (for names, presence and
// "read by") and its Timeline. Updated from the HTTP answers and the live frames; renders nothing itself.

import { chat } from './api.js';
import { Timeline, HOLE } from './timeline.js';

const DETAIL_READS_AT_ONCE = 4;

export class Dialogs {
  constructor(me, people, onChange) {
    this.me = me;
    this.people = people;
    this.onChange = onChange;
    this.entries = new Map();
    this.epoch = null;
  }

  get(dialogId) {
    return this.entries.get(dialogId);
  }

  /** Reads the inbox and every dialog's members (a few at a time), then the names in them. */
  async loadInbox() {
    const page = await chat.inbox();
    this.epoch = page.epoch;
    for (const item of page.items) {
      this.upsert(item);
    }
    const pending = [...this.entries.keys()];
    const workers = Array.from({ length: DETAIL_READS_AT_ONCE }, async () => {
      while (pending.length) {
        await this.loadDetails(pending.shift());
      }
    });
    await Promise.all(workers);
    this.onChange();
  }

  upsert(item) {
    const known = this.entries.get(item.dialogId);
    const entry = known || { dialogId: item.dialogId, members: null, timeline: new Timeline(item.lastDialogSeq || 0) };
    Object.assign(entry, {
      type: item.type ?? entry.type,
      title: item.title ?? entry.title,
      lastDialogSeq: Math.max(item.lastDialogSeq || 0, entry.lastDialogSeq || 0),
      readSeq: Math.max(item.readSeq || 0, entry.readSeq || 0),
      joinedAtSeq: item.joinedAtSeq ?? entry.joinedAtSeq ?? 0,
      lastMessage: item.lastMessage ?? entry.lastMessage,
      lastActivityAt: item.lastActivityAt ?? entry.lastActivityAt,
    });
    entry.unreadCount = item.unreadCount ?? this.unreadOf(entry);
    this.entries.set(item.dialogId, entry);
    return entry;
  }

  /** A dialog this page has not seen (created by someone else, or joined while the page was open). */
  async discover(dialogId) {
    if (!this.entries.has(dialogId)) {
      this.upsert({ dialogId, lastDialogSeq: 0 });
    }
    await this.loadDetails(dialogId);
  }

  async loadDetails(dialogId) {
    const view = await chat.dialog(dialogId);
    const entry = this.entries.get(dialogId);
    entry.type = view.type;
    entry.title = view.title;
    entry.members = view.members;
    const mine = view.members.find((member) => member.userId === this.me.userId);
    if (mine) {
      entry.readSeq = Math.max(entry.readSeq || 0, mine.readSeq || 0);
      entry.joinedAtSeq = mine.joinedAtSeq;
    }
    await this.people.load(view.members.map((member) => member.userId));
    this.onChange();
  }

  peerOf(entry) {
    return entry.type === 'direct' ? entry.members?.find((member) => member.userId !== this.me.userId)?.userId
      : undefined;
  }

  titleOf(entry) {
    if (entry.type === 'group') {
      return entry.title || 'Group';
    }
    const peer = this.peerOf(entry);
    return peer ? this.people.nameOf(peer) : (entry.title || 'Direct message');
  }

  /** Newest activity first. */
  sorted() {
    return [...this.entries.values()].sort((a, b) => String(b.lastActivityAt || '').localeCompare(
      String(a.lastActivityAt || '')));
  }

  /** What `resume` sends: the last dialogSeq held without a hole, per dialog. */
  holds() {
    const holds = {};
    for (const entry of this.sorted().slice(0, 300)) {
      holds[entry.dialogId] = entry.timeline.held;
    }
    return holds;
  }

  /** A message from a frame, a send's answer or a page: answers the Timeline's verdict (HOLE: read what is missing). */
  messageArrived(message) {
    const entry = this.entries.get(message.dialogId);
    const verdict = entry.timeline.accept(message);
    if (message.dialogSeq > (entry.lastDialogSeq || 0)) {
      entry.lastDialogSeq = message.dialogSeq;
      entry.lastMessage = message;
      entry.lastActivityAt = message.sentAt;
    }
    if (message.senderId === this.me.userId) {
      // sending moves the sender's read watermark to the message
      this.readMoved(entry, this.me.userId, message.dialogSeq);
    }
    entry.unreadCount = this.unreadOf(entry);
    return verdict;
  }

  /** Reads what is missing after the held range, page by page (a few at most: a longer hole waits for `resume`). */
  async fillHole(dialogId) {
    const entry = this.entries.get(dialogId);
    for (let pages = 0; pages < 5; pages += 1) {
      const held = entry.timeline.held;
      const page = await chat.after(dialogId, held, 100);
      entry.timeline.addMissing(page);
      if (!page.hasMore || entry.timeline.held === held) {
        break;
      }
    }
    this.onChange();
  }

  /** A `receipt` frame: a member's read (or a device's delivered) watermark. */
  receipt(frame) {
    const entry = this.entries.get(frame.dialogId);
    if (entry && frame.kind === 'read') {
      this.readMoved(entry, frame.userId, frame.upToSeq);
      entry.unreadCount = this.unreadOf(entry);
    }
  }

  readMoved(entry, userId, upToSeq) {
    if (userId === this.me.userId) {
      entry.readSeq = Math.max(entry.readSeq || 0, upToSeq);
    }
    const member = entry.members?.find((candidate) => candidate.userId === userId);
    if (member) {
      member.readSeq = Math.max(member.readSeq || 0, upToSeq);
    }
  }

  /**
   * Everything after the user's read watermark is someone else's (sending moves it past one's own messages), and
   * only from the first message the user may see (joinedAtSeq).
   */
  unreadOf(entry) {
    const seenUpTo = Math.max(entry.readSeq || 0, (entry.joinedAtSeq || 1) - 1);
    return Math.max(0, (entry.lastDialogSeq || 0) - seenUpTo);
  }

  /** The other members who have read message `dialogSeq` ("read by"). */
  readersOf(entry, dialogSeq) {
    return (entry.members || []).filter((member) => member.userId !== this.me.userId
      && (member.readSeq || 0) >= dialogSeq).map((member) => member.userId);
  }

  /** A new epoch: the read models were rebuilt, so what the page holds is read again. */
  async resync() {
    for (const entry of this.entries.values()) {
      entry.timeline.reset(0);
    }
    this.entries.clear();
    await this.loadInbox();
  }
}

export { HOLE };
