# Brand upkeep refusals (storage gives the reason and names; bot/i18n/refusals.py words
# them). Names arrive bold and escaped.

brand-refused-brand-gone = That brand no longer exists (it may have just been merged or renamed). Nothing was changed; pick it again from the list.
brand-refused-already-called = The brand is already called { $name }. Nothing was changed.
brand-refused-name-taken = { $name } is already the name (or an alias) of { $owner }. If they are the same company, merge them with `/storymod brand merge`. Nothing was changed.
brand-refused-alias-already-there = { $brand } already answers to { $alias }. Nothing was changed.
brand-refused-alias-taken = { $alias } already leads to { $owner }. One spelling can lead to one brand only; if they are the same company, merge them with `/storymod brand merge`. Nothing was changed.
brand-refused-alias-is-name = That is the brand's name, not an alias: give it another name with `/storymod brand rename`. Nothing was changed.
brand-refused-no-such-alias = { $brand } has no such alias (pick one from the list). Nothing was changed.
brand-refused-already-in-industry = { $brand } is already in { $industry }. Nothing was changed.
brand-refused-merge-into-itself = A brand cannot be merged into itself. Nothing was changed.
brand-refused-no-such-merge = There is no merge #{ $merge } in this server.
brand-refused-merge-undone = Merge #{ $merge } was already undone. Nothing was changed.
brand-refused-undo-after-later-merge = Merge #{ $merge } cannot be undone yet: the brand it went into was merged again since (merge #{ $successor }); undo that one first.
brand-refused-undo-target-removed = Merge #{ $merge } cannot be undone yet: the brand it went into was removed since.
brand-refused-undo-name-on-target = { $brand } now carries the name { $name }: rename it first, then undo the merge. Nothing was changed.
brand-refused-undo-name-taken = The name { $name } now belongs to { $owner }: remove that alias or rename that brand first. Nothing was changed.

industry-airline = Airline & travel
industry-telecom = Telecom & internet
industry-retail = Retail & shopping
industry-food_drink = Food & drink
industry-cars = Cars & transport
industry-tech = Tech & software
industry-beauty = Beauty & fashion
industry-finance = Banking & finance
industry-utilities = Utilities & energy
industry-health = Health & care
industry-entertainment = Entertainment & media
industry-other = Other

brand-refused-already-one-brand = { $source } and { $target } are already one brand ({ $brand }). Nothing was changed.
brand-refused-no-merge-for-name = No standing merge took away a brand called { $name }. Pick one from the list, or give the merge's number (it was in the merge's reply and is in the audit log). Nothing was changed.
brand-refused-pick-alias = Pick the alias to remove from the list. Nothing was changed.
brand-refused-reason-too-long = Keep the reason under { $max } characters (it has { $length }). Nothing was changed.
brand-refused-name-needs-letter = The brand name needs at least one letter or digit. Nothing was changed.
brand-refused-name-too-long = The brand name can be at most { $max } characters (you wrote { $length }). Nothing was changed.
brand-refused-alias-needs-letter = The alias needs at least one letter or digit. Nothing was changed.
brand-refused-type-a-name = Type a brand name with at least one letter or digit.
brand-refused-unknown-brand = I don't know a brand called { $name } here. Pick one from the list as you type. Nothing was changed.
brand-refused-unknown-brand-suggest = I don't know a brand called { $name } here. Did you mean { $suggestions }? Pick one from the list as you type. Nothing was changed.
brand-refused-pick-industry = Pick an industry from the list. Nothing was changed.

# Moderators' answers (cogs/moderation/brand_upkeep.py).
upkeep-merged =
    ✅ Merged { $from } into { $into } (merge #{ $merge }): { $count ->
        [one] { $count } story
       *[other] { $count } stories
    } moved, and { $names } to { $into }.
    Undo with `/storymod brand unmerge merge:#{ $merge }`.
upkeep-name-leads = its name now leads
upkeep-names-lead = its name and { $aliases ->
    [one] { $aliases } alias
   *[other] { $aliases } aliases
} now lead
upkeep-unmerged = ↩️ Undid merge #{ $merge }: { $restored } is back with { $count ->
    [one] { $count } story
   *[other] { $count } stories
} and { $aliases ->
    [one] { $aliases } alias
   *[other] { $aliases } aliases
}.{ $kept } Stories told under { $into } since the merge stay there.
upkeep-kept-elsewhere = { $count ->
    [one] { $count } story
   *[other] { $count } stories
} it moved are no longer on { $into } (deleted or moved since) and stay where they are.
upkeep-merge-choice = #{ $merge } · { $from } → { $into } · { $count ->
    [one] { $count } story
   *[other] { $count } stories
}
upkeep-removed-brand = a removed brand
upkeep-renamed = ✏️ Renamed { $before } to { $after }.{ $kept }
upkeep-still-lands = Members typing { $before } still land on it.
upkeep-alias-added = 🏷️ { $alias } now leads to { $brand }.
upkeep-alias-removed = 🗑️ { $alias } no longer leads to { $brand }.
upkeep-industry-set = 🏭 { $brand } is now in { $industry }.
upkeep-industry-changed = 🏭 { $brand } is now in { $industry } (was { $previous }).
upkeep-duplicates-title = Likely duplicate brands
upkeep-no-duplicates = ✅ No brands look alike: nothing to review.
upkeep-duplicate = { $rank }. { $merge } ({ $merge_count ->
    [one] { $merge_count } story
   *[other] { $merge_count } stories
}) → { $keep } ({ $keep_count ->
    [one] { $keep_count } story
   *[other] { $keep_count } stories
}) · { $score }% alike
upkeep-duplicates-more = { $count } more pairs after these.
upkeep-duplicates-footer = Counts are published stories. Review each pair; if they are one company, /storymod brand merge from: (left) into: (right). Merges can be undone.
