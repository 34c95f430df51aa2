// Names and presence of other users, read in batches from the user directory and user-client, kept for the page's
// life. Presence then follows by `presence` frames for the users the session subscribed to.

import { chat } from './api.js';

export class People {
  constructor(onChange) {
    this.profiles = new Map();
    this.presence = new Map();
    this.blocked = new Set();
    this.onChange = onChange;
  }

  nameOf(userId) {
    const profile = this.profiles.get(userId);
    return profile ? (profile.displayName || profile.username) : 'Someone';
  }

  remember(profile) {
    this.profiles.set(profile.userId, profile);
  }

  /** Reads the profiles not known yet (at most 100 a call). */
  async load(userIds) {
    const missing = [...new Set(userIds)].filter((id) => id && !this.profiles.has(id));
    for (let start = 0; start < missing.length; start += 100) {
      const answer = await chat.profiles(missing.slice(start, start + 100));
      for (const profile of answer.items || []) {
        this.remember(profile);
      }
    }
    if (missing.length) {
      this.onChange();
    }
  }

  async loadPresence(userIds) {
    const ids = [...new Set(userIds)].slice(0, 100);
    if (!ids.length) {
      return;
    }
    for (const view of await chat.presence(ids)) {
      this.presence.set(view.userId, view);
    }
    this.onChange();
  }

  presenceChanged(frame) {
    this.presence.set(frame.userId, { userId: frame.userId, online: frame.online, lastSeenAt: frame.lastSeenAt });
    this.onChange();
  }

  async loadBlocks() {
    const answer = await chat.blocks();
    this.blocked = new Set((answer.items || []).map((block) => block.userId));
  }

  async setBlocked(userId, blocked) {
    if (blocked) {
      await chat.block(userId);
      this.blocked.add(userId);
    } else {
      await chat.unblock(userId);
      this.blocked.delete(userId);
    }
    this.onChange();
  }
}
