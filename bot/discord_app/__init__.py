"""The Discord adapter: a thin layer that turns engine Replies into embeds and buttons."""
