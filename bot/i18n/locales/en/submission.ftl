# What is wrong with a story form (bot/domain/submission.py): private, the member's language.
# $field is the form's field: brand, headline, body (the story) or product.

submit-missing = { $field ->
    [brand] The brand name is missing.
    [headline] The headline is missing.
    [body] The story is missing.
   *[product] The product is missing.
}
submit-not-text = { $field ->
    [brand] The brand name must be text.
    [headline] The headline must be text.
    [body] The story must be text.
   *[product] The product must be text.
}
submit-too-short = { $field ->
    [headline] The headline needs at least { $least } visible characters (you wrote { $written }).
   *[body] The story needs at least { $least } visible characters (you wrote { $written }).
}
submit-too-long = { $field ->
    [headline] The headline can be at most { $most } characters (you wrote { $written }).
    [body] The story can be at most { $most } characters (you wrote { $written }).
   *[product] The product can be at most { $most } characters (you wrote { $written }).
}
submit-kind = Choose whether the story is great or a disaster.
submit-rating = Give the experience { $least } to { $most } stars.
submit-touchpoints-count = Pick one to three touchpoints.
submit-touchpoints-unknown = Pick touchpoints from the list.
submit-touchpoints-twice = Pick each touchpoint only once.
submit-anonymous = Choose whether to post the story anonymously.
submit-not-understood = Something in the form was not understood; please try again.

brand-name-no-letter = The brand name needs at least one letter or digit.
brand-name-too-long = The brand name can be at most { $most } characters (you wrote { $written }).
# A moderator's new name or alias for a brand was refused ($problem: one of the above).
brand-name-refused = { $problem } Nothing was changed.
