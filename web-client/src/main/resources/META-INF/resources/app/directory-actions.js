// What finding people leads to: a direct dialog, a new group with the picked members, or members added to the open
// group. A refusal reads like the server's answer for a stranger (blocking is invisible to the blocked).

import { chat } from './api.js';
import { byId, show } from './ui/dom.js';
import { renderResults, renderGroupMembers, START_CHAT, PICK_FOR_GROUP, ADD_TO_DIALOG } from './ui/directory.js';

export function wireDirectory(page, { openDialog, notice, render }) {
  const picker = { mode: START_CHAT, results: null, groupMembers: [] };

  const showResults = () => renderResults(picker.results, picker.mode, page.me, pick);
  const showMembers = () => renderGroupMembers(picker.groupMembers, (profile) => {
    picker.groupMembers = picker.groupMembers.filter((member) => member.userId !== profile.userId);
    showMembers();
  });

  function setMode(mode) {
    picker.mode = mode;
    show(byId('group-form'), mode === PICK_FOR_GROUP);
    if (picker.results) {
      showResults();
    }
  }

  function adopt(view) {
    const entry = page.dialogs.upsert({ dialogId: view.dialogId, type: view.type, title: view.title });
    entry.members = view.members;
    return page.people.load(view.members.map((member) => member.userId)).then(() => entry);
  }

  async function pick(profile) {
    notice('');
    try {
      if (picker.mode === START_CHAT) {
        const entry = await adopt(await chat.openDirect(profile.userId));
        await openDialog(entry.dialogId);
      } else if (picker.mode === PICK_FOR_GROUP) {
        if (!picker.groupMembers.some((member) => member.userId === profile.userId)) {
          picker.groupMembers.push(profile);
        }
        showMembers();
      } else {
        await adopt(await chat.addMembers(page.openDialogId, [profile.userId]));
        picker.results = null;
        setMode(START_CHAT);
        showResults();
        await openDialog(page.openDialogId);
      }
    } catch (failure) {
      notice(failure.code === 'VALIDATION_FAILED' ? 'You cannot start a conversation with this person.' : failure.message);
    }
    return null;
  }

  byId('search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = byId('search').value.trim();
    if (query.length < 3) {
      notice('Type at least 3 characters of a username or name.');
      return;
    }
    notice('');
    try {
      const answer = await chat.search(query);
      picker.results = answer.items || [];
      picker.results.forEach((profile) => page.people.remember(profile));
      showResults();
    } catch (failure) {
      notice(failure.code === 'RATE_LIMITED' ? 'Too many searches; wait a minute.' : failure.message);
    }
  });

  byId('new-group').addEventListener('click', () => {
    picker.groupMembers = [];
    showMembers();
    setMode(PICK_FOR_GROUP);
    byId('group-title').focus();
  });
  byId('group-cancel').addEventListener('click', () => setMode(START_CHAT));
  byId('add-members').addEventListener('click', () => {
    setMode(ADD_TO_DIALOG);
    byId('workspace').classList.remove('in-dialog');
    byId('search').focus();
  });
  byId('group-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const title = byId('group-title').value.trim();
    if (!title) {
      notice('Give the group a name.');
      return;
    }
    try {
      const entry = await adopt(await chat.createGroup(title, picker.groupMembers.map((member) => member.userId)));
      byId('group-title').value = '';
      picker.groupMembers = [];
      picker.results = null;
      showMembers();
      setMode(START_CHAT);
      showResults();
      await openDialog(entry.dialogId);
    } catch (failure) {
      notice(failure.code === 'VALIDATION_FAILED' ? 'Some of these people cannot be added.' : failure.message);
    }
  });
}
