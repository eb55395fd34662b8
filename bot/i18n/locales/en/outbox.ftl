# The outbox's notes and notices (bot/i18n/outbox.py), worded when they are delivered.

# A member's private notice about their story (by DM, or on their next command).
notice-header = 📬 **While you were away**
notice-approved = ✅ A moderator approved your story #{ $id } “{ $headline }” in **{ $server }**: it is published now.
notice-hidden = 🙈 A moderator hid your story #{ $id } “{ $headline }” in **{ $server }**; readers no longer see it.{ $why }
    You can still edit it with `/story edit` or delete it with `/story delete`.
notice-deleted = 🗑️ A moderator deleted your story #{ $id } “{ $headline }” in **{ $server }**.{ $why }
notice-reason = Reason: { $reason }

# Notes in the moderators' channel.
mod-note-review-waiting = 📝 Story #{ $id } is waiting for review.
mod-note-reported = 🚩 Story #{ $id } was reported by { $reporter }: { $reason }
mod-note-reported-hidden = It reached { $reports } reports and is hidden until you decide.
mod-note-reported-post = Post: { $url }
# Identifies a note or a DM in a channel's history (crash recovery); `ref` is a code.
outbox-marker = -# ref. { $ref }

# A delivery that failed for good, in the moderators' channel and in /storymod setup.
outbox-waiting = ⚠️ { $count ->
    [one] 1 delivery is
   *[other] { $count } deliveries are
} waiting: { $reason }.
outbox-fix = Fix it, then save `/storymod setup` (or press its **Check again** button): everything waiting is delivered, at most { $pace } posts a minute.
parked-no-stories-channel = no stories channel is chosen
parked-no-mod-channel = no moderators' channel is chosen for my notes
parked-forbidden = I am not allowed to post in <#{ $channel }> (Discord error { $code }); give me View Channel, Send Messages, Embed Links and Read Message History there
parked-channel-gone = the channel <#{ $channel }> no longer exists; choose another in `/storymod setup`
parked-not-text = <#{ $channel }> is not a text channel; choose another
