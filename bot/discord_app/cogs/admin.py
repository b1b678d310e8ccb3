"""Admin commands (Manage Server): /config autoanswer."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.client import FaqBot


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ConfigGroup(app_commands.Group, name="config", description="Bot settings for this server"):
    def __init__(self, bot: FaqBot) -> None:
        super().__init__()
        self.bot = bot

    @app_commands.command(
        name="autoanswer",
        description="Answer questions in a channel automatically, when very sure (off by default)",
    )
    @app_commands.describe(channel="The channel", enabled="On or off")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def autoanswer(
        self, interaction: discord.Interaction[Any], channel: discord.TextChannel, enabled: bool
    ) -> None:
        assert interaction.guild_id is not None
        await self.bot.guild_config.set_autoanswer(interaction.guild_id, channel.id, enabled)
        note = (
            ""
            if self.bot.settings.message_content or not enabled
            else (
                " Note: the bot runs without the message-content intent, so it cannot read "
                "channel messages yet; see the README (BOT_MESSAGE_CONTENT)."
            )
        )
        await interaction.response.send_message(
            f"Auto-answer is now **{'on' if enabled else 'off'}** in {channel.mention}.{note}",
            ephemeral=True,
        )


class AdminCog(commands.Cog):
    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        self.group = ConfigGroup(bot)
        bot.tree.add_command(self.group)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.group.name)


async def setup(bot: FaqBot) -> None:
    await bot.add_cog(AdminCog(bot))
