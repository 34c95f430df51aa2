// The page: logs in, reads the inbox, opens the WebSocket, and wires the views to what the user does. The parts it
// wires each do one thing: auth.js (login), api.js (HTTP), live.js (the WebSocket), outbox.js (sends that survive a
// reload), dialogs.js and timeline.js (what the page holds), people.js (names, presence, blocks), ui/ (rendering).

import { startLogin, completeLogin, wasSignedIn, logout } from './auth.js';
import { chat } from './api.js';
import { People } from './people.js';
import { Dialogs, HOLE } from './dialogs.js';
import { Outbox } from './outbox.js';
import { LiveConnection } from './live.js';
import { byId, show } from './ui/dom.js';
import { renderInbox } from './ui/inbox.js';
import { renderConversation } from './ui/conversation.js';
import { wireDirectory } from './directory-actions.js';

const HISTORY_PAGE = 50;
const TYPING_SENT_EVERY_MS = 2000;
const TYPING_SHOWN_MS = 4000;
const READ_DELAY_MS = 250;
const HOLE_WAIT_MS = 2000;
const CONNECTION_LABELS = { live: 'Online', connecting: 'Connecting…', offline: 'Offline, reconnecting…' };

const page = {
  me: null, people: null, dialogs: null, outbox: null, live: null, openDialogId: null,
  typing: new Map(), typingSentAt: 0, frames: Promise.resolve(), welcomeEpoch: null, readTimer: null,
};

export function notice(message) {
  const element = byId('notice');
  element.textContent = message || '';
  show(element, Boolean(message));
}

let renderQueued = false;
export function render() {
  if (!renderQueued) {
    renderQueued = true;
    setTimeout(() => {
      renderQueued = false;
      renderInbox(page.dialogs, page.people, page.openDialogId, openDialog);
      renderConversation({
        dialogs: page.dialogs, people: page.people, outbox: page.outbox, dialogId: page.openDialogId,
        typingNames: typingNames(page.openDialogId),
        actions: { retrySend: (id) => page.outbox.retry(id), discardSend: (id) => page.outbox.discard(id) },
      });
    }, 0);
  }
}

export async function openDialog(dialogId) {
  page.openDialogId = dialogId;
  byId('workspace').classList.add('in-dialog');
  const entry = page.dialogs.get(dialogId);
  try {
    if (!entry.members) {
      await page.dialogs.loadDetails(dialogId);
    }
    if (!entry.timeline.loaded) {
      entry.timeline.addLatest(await chat.latest(dialogId, HISTORY_PAGE));
    }
  } catch (failure) {
    notice(failure.message);
  }
  render();
  setTimeout(() => {
    byId('history').scrollTop = byId('history').scrollHeight;
    byId('compose-text').focus(); // keyboard users land where they write, not on the hidden inbox
  }, 0);
  markRead();
  subscribePresence();
}

async function loadOlder() {
  const entry = page.dialogs.get(page.openDialogId);
  if (!entry || !entry.timeline.hasOlder || page.loadingOlder) {
    return;
  }
  page.loadingOlder = true;
  const history = byId('history');
  const fromBottom = history.scrollHeight - history.scrollTop;
  try {
    entry.timeline.addOlder(await chat.before(entry.dialogId, entry.timeline.oldest, HISTORY_PAGE));
    render();
    setTimeout(() => {
      history.scrollTop = history.scrollHeight - fromBottom;
    }, 0);
  } catch (failure) {
    notice(failure.message);
  } finally {
    page.loadingOlder = false;
  }
}

/** Moves the read watermark to what the open dialog shows, when the page is in front of the user. */
function markRead() {
  clearTimeout(page.readTimer);
  page.readTimer = setTimeout(() => {
    const entry = page.dialogs.get(page.openDialogId);
    if (!entry || document.visibilityState !== 'visible' || !entry.timeline.loaded) {
      return;
    }
    const upToSeq = entry.timeline.held;
    if (upToSeq < 1 || upToSeq <= (entry.readSeq || 0)) {
      return;
    }
    page.dialogs.readMoved(entry, page.me.userId, upToSeq);
    entry.unreadCount = page.dialogs.unreadOf(entry);
    if (!page.live.send({ type: 'read', dialogId: entry.dialogId, upToSeq })) {
      chat.markRead(entry.dialogId, upToSeq).catch(() => {});
    }
    render();
  }, READ_DELAY_MS);
}

function typingNames(dialogId) {
  const now = Date.now();
  return [...(page.typing.get(dialogId) || new Map()).entries()]
    .filter(([userId, until]) => until > now && userId !== page.me.userId)
    .map(([userId]) => page.people.nameOf(userId));
}

/** Frames and send answers are handled one at a time, in arrival order; one that fails never stops the rest. */
function enqueue(work) {
  page.frames = page.frames.then(work).catch((failure) => notice(failure.message));
  return page.frames;
}

async function handleFrame(frame) {
  if (frame.type === 'message') {
    if (!page.dialogs.get(frame.dialogId)) {
      await page.dialogs.discover(frame.dialogId);
      subscribePresence();
    }
    const { dialogId, messageId, senderId, senderSeq, dialogSeq, body, sentAt } = frame;
    page.typing.get(dialogId)?.delete(senderId);
    if (page.dialogs.messageArrived({ dialogId, messageId, senderId, senderSeq, dialogSeq, body, sentAt }) === HOLE) {
      fillHoleLater(dialogId, dialogSeq);
    }
    if (dialogId === page.openDialogId && !page.dialogs.get(dialogId).timeline.loaded) {
      await openDialog(dialogId); // its history could not be read when it was opened: read it now
    }
    if (dialogId === page.openDialogId) {
      markRead();
    }
  } else if (frame.type === 'receipt') {
    page.dialogs.receipt(frame);
  } else if (frame.type === 'typing') {
    const typing = page.typing.get(frame.dialogId) || new Map();
    typing.set(frame.userId, Date.now() + TYPING_SHOWN_MS);
    page.typing.set(frame.dialogId, typing);
    setTimeout(render, TYPING_SHOWN_MS + 50);
  } else if (frame.type === 'presence') {
    page.people.presenceChanged(frame);
  } else if (frame.type === 'error' && frame.code === 'RATE_LIMITED') {
    notice('Too many actions at once; slowing down.');
  }
  render();
}

/**
 * A dialogSeq hole: usually frames this session dropped, which the `resume` the connection sent on the sessionSeq
 * hole brings in a moment; what is still missing after that is read from the history.
 */
function fillHoleLater(dialogId, beforeSeq) {
  setTimeout(() => {
    const entry = page.dialogs.get(dialogId);
    if (entry && entry.timeline.held < beforeSeq - 1) {
      page.dialogs.fillHole(dialogId).catch(() => {});
    }
  }, HOLE_WAIT_MS);
}

/** Follows the presence of every direct dialog's peer: what it is now, then its changes by frame. */
function subscribePresence() {
  const peers = page.dialogs.sorted().map((entry) => page.dialogs.peerOf(entry)).filter(Boolean).slice(0, 100);
  page.live?.send({ type: 'presence.subscribe', userIds: peers });
  const unknown = peers.filter((peer) => !page.people.presence.has(peer));
  if (unknown.length) {
    page.people.loadPresence(unknown).catch(() => {});
  }
}

/**
 * A node names the read models' epoch it last saw (0 before any). One above what the page read its inbox at means
 * the read models were rebuilt: what the page holds is read again, before the resume that follows.
 */
async function welcomed(welcome) {
  const known = Math.max(page.welcomeEpoch || 0, page.dialogs.epoch || 0);
  if (known > 0 && welcome.epoch > known) {
    await page.dialogs.resync();
    if (page.openDialogId) {
      await openDialog(page.openDialogId);
    }
  }
  page.welcomeEpoch = Math.max(known, welcome.epoch || 0);
  setTimeout(subscribePresence, 0);
}

function wireConversation() {
  byId('back').addEventListener('click', () => {
    const left = page.openDialogId;
    page.openDialogId = null;
    byId('workspace').classList.remove('in-dialog');
    render();
    // focus returns to the conversation's entry in the inbox
    setTimeout(() => document.querySelector(`#inbox [data-dialog-id="${left}"]`)?.focus(), 0);
  });
  byId('load-older').addEventListener('click', loadOlder);
  byId('history').addEventListener('scroll', () => {
    if (byId('history').scrollTop < 20) {
      loadOlder();
    }
  });
  const text = byId('compose-text');
  byId('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const body = text.value.trim();
    if (body && page.openDialogId) {
      page.outbox.add(page.openDialogId, body);
      text.value = '';
      render();
    }
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      byId('composer').requestSubmit();
    }
  });
  text.addEventListener('input', () => {
    if (page.openDialogId && Date.now() - page.typingSentAt > TYPING_SENT_EVERY_MS) {
      page.typingSentAt = Date.now();
      page.live.send({ type: 'typing', dialogId: page.openDialogId });
    }
  });
  byId('block-toggle').addEventListener('click', async () => {
    const peer = page.dialogs.peerOf(page.dialogs.get(page.openDialogId));
    try {
      await page.people.setBlocked(peer, !page.people.blocked.has(peer));
    } catch (failure) {
      notice(failure.message);
    }
  });
  document.addEventListener('visibilitychange', markRead);
}

async function signedIn() {
  page.me = await chat.me();
  page.people = new People(render);
  page.people.remember(page.me);
  page.dialogs = new Dialogs(page.me, page.people, render);
  byId('me').textContent = page.me.displayName || page.me.username;
  show(byId('me'), true);
  show(byId('logout'), true);
  show(byId('workspace'), true);
  await Promise.all([page.dialogs.loadInbox(), page.people.loadBlocks()]);
  page.outbox = new Outbox(page.me.userId, {
    transmit: (entry) => chat.send(entry.dialogId, entry.clientMessageId, entry.text),
    onSent: (entry, sent) => enqueue(() => handleFrame({ type: 'message', ...sent, body: { type: 'text', text: entry.text } })),
    onChange: render,
  });
  page.live = new LiveConnection({
    holds: () => page.dialogs.holds(),
    onFrame: (frame) => enqueue(() => handleFrame(frame)),
    onWelcome: (welcome) => enqueue(() => welcomed(welcome)),
    onState: (state, detail) => {
      byId('connection').textContent = detail || CONNECTION_LABELS[state];
      byId('connection').dataset.state = state;
    },
    onRevoked: () => notice('This device was signed out; log in again.'),
  });
  wireConversation();
  wireDirectory(page, { openDialog, notice, render });
  page.outbox.flushAll();
  page.live.start();
  window.addEventListener('online', () => {
    page.outbox.flushAll();
    page.live.reconnectNow();
    if (page.openDialogId && !page.dialogs.get(page.openDialogId)?.timeline.loaded) {
      openDialog(page.openDialogId);
    }
  });
  byId('logout').addEventListener('click', () => {
    page.live.stop();
    page.outbox.clear(); // unsent text does not stay behind on a shared machine
    logout();
  });
  render();
}

async function boot() {
  byId('login').addEventListener('click', () => startLogin());
  byId('register-form').addEventListener('submit', register);
  let session = null;
  try {
    session = await completeLogin();
  } catch (failure) {
    notice(failure.message);
  }
  if (session) {
    await signedIn();
  } else if (wasSignedIn()) {
    await startLogin();
  } else {
    show(byId('welcome'), true);
  }
}

async function register(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const status = byId('register-status');
  try {
    await chat.register(form.get('username'), form.get('password'), form.get('displayName'));
    status.textContent = 'Account created. Log in with it on the next page.';
    await startLogin();
  } catch (failure) {
    status.textContent = failure.message;
  }
}

boot();
