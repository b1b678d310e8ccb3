"""/config: per-server settings chosen by admins (Manage Server)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

if TYPE_CHECKING:
    from bot.discord_app.bot import FaqBot


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ConfigCog(
    commands.GroupCog, group_name="config", group_description="Bot settings for this server"
):
    """The /config group."""

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(
        name="autoanswer",
        description="Answer questions in a channel automatically, when very sure (off by default)",
    )
    @app_commands.describe(channel="The channel", enabled="On or off")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def autoanswer(
        self,
        interaction: discord.Interaction[FaqBot],
        channel: discord.TextChannel,
        enabled: bool,
    ) -> None:
        """Turn automatic answers on or off in one channel."""
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


async def setup(bot: FaqBot) -> None:
    """Load the /config group."""
    await bot.add_cog(ConfigCog(bot))
