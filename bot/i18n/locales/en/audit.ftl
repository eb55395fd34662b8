# /storymod audit and /storymod export (cogs/moderation/audit.py). The action names
# are also the `action` option's choices.

audit-action-settings = Settings changed
audit-action-digest_repost = Digest re-posted
audit-action-approve = Story approved
audit-action-hide = Story hidden
audit-action-restore = Story restored
audit-action-highlight = Story highlighted
audit-action-unhighlight = Highlight removed
audit-action-delete = Story deleted
audit-action-brand_merge = Brands merged
audit-action-brand_unmerge = Brand merge undone
audit-action-brand_rename = Brand renamed
audit-action-brand_alias_add = Brand alias added
audit-action-brand_alias_remove = Brand alias removed
audit-action-brand_industry = Brand industry set
audit-action-export = Stories exported
audit-action-web_page = Web page changed

audit-title = Audit log
audit-by = by { $moderator }
audit-story = story #{ $id }
audit-brand = brand { $name }
audit-brand-gone = brand #{ $id } (gone)
audit-why = Why: { $reason }
audit-setting-change = { $setting }: { $old } → { $new }
audit-intro-filtered = Entries { $filters }, newest first.
audit-intro-all = Every entry, newest first.
audit-footer = Page { $page } of { $pages } · { $total ->
    [one] { $total } entry
   *[other] { $total } entries
}
audit-none-filtered = No audit entries { $filters }.
audit-empty = The audit log is empty: no moderator has changed anything yet.
audit-no-such-brand = There is no brand “{ $name }” in this server. Pick one from the list as you type, or leave the brand option out.
audit-pick-action = Pick the action from the list the option offers.
audit-previous = Previous
audit-next = Next

server-export-done = 📦 This server's { $count ->
    [one] { $count } story
   *[other] { $count } stories
}, as CSV (for spreadsheets) and JSON. Anonymous stories carry no author. The export is recorded in the audit log.
server-export-compressed = Compressed with gzip to fit Discord's size limit.
server-export-nothing = There are no stories in this server yet: nothing to export.
server-export-too-large = This server's stories are too many to send as files here, even compressed. Ask the bot's operator for a copy of the database.
