# Settings refusals found by the settings' own model (bot/domain/moderators.py), after
# the bounds /storymod setup checks first. $setting is the setting's name, worded.
settings-not-whole-number = { $setting } must be a whole number.
settings-not-yes-no = { $setting } must be yes or no.
settings-too-small = { $setting } must be at least { $low }.
settings-too-large = { $setting } must be at most { $high }.
settings-invalid-value = { $setting } cannot take that value.
