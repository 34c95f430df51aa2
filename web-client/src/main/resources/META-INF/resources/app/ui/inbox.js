// The inbox: one button per dialog, newest activity first, with its unread count and the last message's text.

import { el, byId } from './dom.js';

export function renderInbox(dialogs, people, openDialogId, onOpen) {
  const list = byId('inbox');
  const items = dialogs.sorted().map((entry) => {
    const peer = dialogs.peerOf(entry);
    const online = peer ? people.presence.get(peer)?.online === true : undefined;
    const last = entry.lastMessage;
    const preview = last ? `${last.senderId === dialogs.me.userId ? 'You' : people.nameOf(last.senderId)}: ${last.body?.text ?? ''}`
      : 'No messages yet';
    const unread = entry.unreadCount > 0 && entry.dialogId !== openDialogId
      ? el('span', { class: 'unread' }, String(entry.unreadCount), el('span', { class: 'visually-hidden' }, ' unread'))
      : null;
    return el('li', {},
      el('button', {
        type: 'button', class: 'dialog-link', dataset: { dialogId: entry.dialogId },
        'aria-current': entry.dialogId === openDialogId ? 'true' : null,
        onclick: () => onOpen(entry.dialogId),
      },
      el('span', { class: 'title' },
        peer ? el('span', { class: 'presence-dot', dataset: { online: String(online) }, 'aria-hidden': 'true' }) : null,
        dialogs.titleOf(entry)),
      unread ?? el('span'),
      el('span', { class: 'preview' }, preview)));
  });
  list.replaceChildren(...(items.length ? items : [el('li', { class: 'status' }, 'No conversations yet: find someone above.')]));
}
