// Finding people: the search box, its results, and what a result's button does in the current mode (start a
// direct dialog, pick a member for a new group, add a member to the open group).

import { el, byId, show } from './dom.js';

export const START_CHAT = 'chat';
export const PICK_FOR_GROUP = 'new-group';
export const ADD_TO_DIALOG = 'add-to-dialog';

const ACTION_LABELS = { [START_CHAT]: 'Message', [PICK_FOR_GROUP]: 'Add to group', [ADD_TO_DIALOG]: 'Add' };
const TITLES = {
  [START_CHAT]: 'People', [PICK_FOR_GROUP]: 'Pick members for the new group', [ADD_TO_DIALOG]: 'Add people to this group',
};

export function renderResults(results, mode, me, onPick) {
  show(byId('picker'), results !== null);
  byId('picker-title').textContent = TITLES[mode];
  const items = (results || []).filter((profile) => profile.userId !== me.userId).map((profile) => el('li', {},
    el('span', { class: 'who' }, profile.displayName || profile.username,
      el('span', { class: 'status' }, ` @${profile.username}`)),
    el('button', {
      type: 'button', dataset: { userId: profile.userId, username: profile.username },
      'aria-label': `${ACTION_LABELS[mode]}: ${profile.displayName || profile.username}`, onclick: () => onPick(profile),
    }, ACTION_LABELS[mode])));
  byId('search-results').replaceChildren(...(items.length ? items : [el('li', { class: 'status' }, 'Nobody found.')]));
}

export function renderGroupMembers(members, onRemove) {
  byId('group-members').replaceChildren(...members.map((profile) => el('li', {},
    profile.displayName || profile.username,
    el('button', {
      type: 'button', class: 'secondary', 'aria-label': `Remove ${profile.displayName || profile.username}`,
      onclick: () => onRemove(profile),
    }, '×'))));
}
