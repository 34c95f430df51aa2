// The open dialog: its header (title, presence or members, block and add buttons), the messages in dialogSeq
// order, then this user's pending sends, and who is typing. "Read by" shows under each of the user's messages in a
// group: the members whose read watermark reached it.

import { el, byId, show, shortTime } from './dom.js';
import { PENDING } from '../outbox.js';

export function renderConversation({ dialogs, people, outbox, dialogId, typingNames, actions }) {
  const entry = dialogs.get(dialogId);
  show(byId('conversation'), Boolean(entry));
  if (!entry) {
    return;
  }
  renderHeader(dialogs, people, entry);
  const me = dialogs.me.userId;
  const group = entry.type === 'group';
  const sent = entry.timeline.ordered().map((message) => {
    const mine = message.senderId === me;
    const readers = mine && group ? dialogs.readersOf(entry, message.dialogSeq) : [];
    return el('li', {
      class: mine ? 'message mine' : 'message', dataset: { seq: message.dialogSeq, state: 'sent', messageId: message.messageId },
    },
    el('span', { class: 'sender' }, mine ? 'You' : (message.senderDisplayName || people.nameOf(message.senderId))),
    el('p', { class: 'text' }, message.body?.text ?? ''),
    el('span', { class: 'meta' }, shortTime(message.sentAt),
      readers.length ? el('span', { class: 'read-by' }, ` · Read by ${readers.map((id) => people.nameOf(id)).join(', ')}`) : null));
  });
  const pending = outbox.forDialog(dialogId).map((item) => el('li', {
    class: 'message mine', dataset: { state: item.state, clientMessageId: item.clientMessageId },
  },
  el('span', { class: 'sender' }, 'You'),
  el('p', { class: 'text' }, item.text),
  el('span', { class: 'meta' },
    item.state === PENDING ? (item.error ? `Not sent yet (${item.error}); retrying…` : 'Sending…') : `Not sent: ${item.error}`,
    item.state === PENDING ? null
      : el('button', { type: 'button', class: 'secondary', onclick: () => actions.retrySend(item.clientMessageId) }, 'Retry'),
    item.state === PENDING ? null
      : el('button', { type: 'button', class: 'secondary', onclick: () => actions.discardSend(item.clientMessageId) }, 'Discard'))));
  const list = byId('messages');
  const history = byId('history');
  const atBottom = history.scrollHeight - history.scrollTop - history.clientHeight < 40;
  list.replaceChildren(...sent, ...pending);
  if (atBottom) {
    history.scrollTop = history.scrollHeight;
  }
  show(byId('load-older'), entry.timeline.hasOlder);
  byId('typing').textContent = typingNames.length
    ? `${typingNames.join(', ')} ${typingNames.length === 1 ? 'is' : 'are'} typing…` : '';
}

function renderHeader(dialogs, people, entry) {
  byId('dialog-title').textContent = dialogs.titleOf(entry);
  const peer = dialogs.peerOf(entry);
  const subtitle = byId('dialog-subtitle');
  if (peer) {
    const presence = people.presence.get(peer);
    subtitle.textContent = presence?.online ? 'Online'
      : (presence?.lastSeenAt ? `Last seen ${shortTime(presence.lastSeenAt)}` : '');
  } else {
    subtitle.textContent = (entry.members || []).map((member) => member.userId === dialogs.me.userId ? 'You'
      : people.nameOf(member.userId)).join(', ');
  }
  const blockToggle = byId('block-toggle');
  show(blockToggle, Boolean(peer));
  if (peer) {
    const blocked = people.blocked.has(peer);
    blockToggle.textContent = blocked ? 'Unblock' : 'Block';
    blockToggle.setAttribute('aria-pressed', String(blocked));
  }
  show(byId('add-members'), entry.type === 'group');
}
