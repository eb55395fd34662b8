# A member's own stories (cogs/stories/my_stories.py): private answers.

n-relatable-votes = { $count ->
    [one] { $count } relatable vote
   *[other] { $count } relatable votes
}
n-reports = { $count ->
    [one] { $count } report
   *[other] { $count } reports
}
n-unread-notices = { $count ->
    [one] { $count } unread notice
   *[other] { $count } unread notices
}
story-kind-great = Great experience
story-kind-disaster = Disaster
story-status-published = 🟢 published
story-status-pending = 🕒 pending review
story-status-hidden = 🙈 hidden
story-status-draft = 📝 draft

mine-empty = You haven't shared any stories in this server yet. Tell one with `/story great` (or `/story disaster`).
mine-not-your-buttons = These buttons belong to someone else. Run the command yourself.
mine-server-only = This command only works inside a server.
mine-label = “{ $headline }” about **{ $brand }**
mine-post-link = post
mine-title = Your stories in this server
mine-footer = Page { $page } of { $pages } · { $stories } · /story edit or /story delete with a number
mine-button-previous = Previous
mine-button-next = Next

# What deleting a story also removes.
mine-goes-post = its post in the stories channel
mine-goes-votes = its { $votes }
mine-goes-reports = any reports
mine-list-and = { $first } and { $last }

edit-title = Edit story #{ $id }
edit-not-changed = Story #{ $id } was not changed:
edit-fix = Fix it
edit-updated = ✏️ Story #{ $id } is updated. { $note }
edit-note-review = This server reviews stories, so it is off the stories channel until a moderator approves the new version.
edit-note-published = Its post shows the new version: { $url }
edit-note-no-channel = It will show in the stories channel once the moderators choose one.
edit-note-pending = It is still waiting for a moderator's review.
edit-note-hidden = It stays hidden until a moderator restores it.
edit-note-draft = Finish its questions to publish it.
# In the moderators' channel: the server's language.
edit-mod-note = ✏️ Story #{ $id } was edited by its author and is waiting for review again.

confirm-already-done = That was already done; there is nothing left to confirm.
confirm-expired = ⌛ This confirmation expired; nothing was changed.

delete-button = Delete for good
delete-keep-button = Keep it
delete-question = Delete story #{ $id }, { $label }, for good? It cannot be undone.
delete-question-with = Delete story #{ $id }, { $label }, for good? This also removes { $extras }. It cannot be undone.
delete-done = 🗑️ Story #{ $id } is deleted.
delete-done-with = 🗑️ Story #{ $id } is deleted, with { $extras }.
delete-kept = Kept: story #{ $id } is unchanged.

export-done = 📦 Everything Experience It stores about you, **in all servers**: { $stories }, { $votes }, { $reports }. `/story forget-me` deletes it all.

forget-button = Delete everything
forget-cancel-button = Cancel
forget-cancelled = Cancelled: nothing was deleted.
forget-done = ✅ Done. Deleted { $stories } (with their posts), { $votes } and { $reports }. Nothing about you is left in Experience It's database.
forget-nothing = Experience It stores nothing about you: no stories, votes or reports.
forget-intro = This deletes everything Experience It stores about you, **in every server**:
forget-line-stories = • your { $stories }, with their posts in the stories channels and the relatable votes and reports others gave them
forget-line-votes = • your { $votes } on other members' stories
forget-line-reports = • your { $reports } of other members' stories
forget-line-notices = • { $notices } for you
forget-outro = It cannot be undone. Want a copy first? Run `/story export`.
mine-no-such-story = You have no story #{ $id } in this server. `/story mine` lists yours.
export-too-large = Your data is too large to send as one file here. Ask the bot's operator for a copy, or delete some stories and try again.
