# The moderators' story card and its buttons (cogs/moderation/queue_items.py, queue.py).

queue-empty = ✅ Nothing waits for a decision: no story is pending or reported.
queue-header = 🗂️ Review queue: { $position } of { $total }
queue-not-in-queue = 🗂️ Story #{ $id } is not in the review queue ({ $waiting })
queue-waiting = { $count } waiting
queue-is-empty = the queue is empty

queue-button-approve = Approve
queue-button-hide = Hide
queue-button-restore = Restore
queue-button-highlight = Highlight
queue-button-unhighlight = Unhighlight
queue-button-delete = Delete
queue-button-keep = Keep (dismiss reports)
queue-button-prev = Prev
queue-button-next = Next

queue-status-draft = 📝 Draft: its author is still answering the follow-ups
queue-status-pending = ⏳ Waiting for review
queue-status-published = ✅ Published
queue-status-hidden = 🙈 Hidden
queue-highlighted = ⭐ Highlighted: featured in the next digest
queue-hidden-by-reports = reported by readers
queue-open-post = Open the post
queue-field-status = Status
queue-field-author = Author
queue-anonymous = { $author } (anonymous to readers)
queue-field-reports = Reports
queue-open-reports = 🚩 { $count ->
    [one] { $count } open report
   *[other] { $count } open reports
}
queue-more-reports = … and { $count } more

queue-done-kept = ✅ Kept published (reports dismissed)
queue-done-approve = ✅ Approved
queue-done-hide = 🙈 Hidden
queue-done-restore = ↩️ Restored
queue-done-highlight = ⭐ Highlighted (featured in the next digest)
queue-done-unhighlight = ✖️ No longer highlighted
queue-done-delete = 🗑️ Deleted for good
queue-done-story = { $done }: story #{ $id }.
queue-done-by = { $done } by { $moderator } { $when }
queue-post-taken-down = Its post was taken down.
queue-post-taken-down-soon = Its post will be taken down shortly.
queue-author-told = The author was told by DM.
queue-author-told-soon = The author will be told by DM shortly.
queue-author-later = The author does not accept DMs: they will see a private note next time they use the bot.

queue-form-delete-title = Delete story #{ $id } for good?
queue-form-hide-title = Hide story #{ $id }
queue-form-delete-warning = This removes the story, with its channel post, votes and reports if it has any. It cannot be undone. Close this form to keep the story.
queue-form-reason = Reason
queue-form-reason-placeholder = The author is told this reason (not who you are).

# Why an action does not apply (bot/domain/curation.py gives the key and the values).
# A story number is a name, not a quantity: never grouped (#1234, not #1,234).
curation-gone = Story #{ NUMBER($id, useGrouping: 0) } no longer exists in this server (deleted meanwhile?). Nothing was changed.
curation-reason-missing = Nothing was changed: give a reason of at least { $min } characters (the author is told).
curation-reason-short = Nothing was changed: give a reason of at least { $min } visible characters.
curation-reason-long = Nothing was changed: keep the reason under { $max } characters.
curation-draft-only-delete = Story #{ NUMBER($id, useGrouping: 0) } is { $status }: only Delete applies to it.
curation-already-published = Story #{ NUMBER($id, useGrouping: 0) } is already published: nothing to approve.
curation-hidden-use-restore = Story #{ NUMBER($id, useGrouping: 0) } is hidden: use Restore to publish it again.
curation-already-hidden = Story #{ NUMBER($id, useGrouping: 0) } is already hidden.
curation-not-hidden = Story #{ NUMBER($id, useGrouping: 0) } is not hidden (it is { $status }): nothing to restore.
curation-highlight-unpublished = Story #{ NUMBER($id, useGrouping: 0) } is { $status }: only published stories can be highlighted.
curation-already-highlighted = Story #{ NUMBER($id, useGrouping: 0) } is already highlighted.
curation-not-highlighted = Story #{ NUMBER($id, useGrouping: 0) } is not highlighted.
curation-status-draft = still a draft (its author has not finished it)
curation-status-pending = waiting for review
curation-status-published = published
curation-status-hidden = hidden
