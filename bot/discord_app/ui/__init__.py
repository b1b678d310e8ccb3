"""Buttons, menus and the messages that carry them, beside the cogs that send them.

Every item is a `DynamicItem`: its custom_id (`faq:<action>:<state>`, at most 100 characters)
carries what it does, so a click works from any message, after a restart, on any shard. The
cog that sends an item registers it (`add_dynamic_items` in `cog_load`).
"""
