"""Admin commands (Manage Server): /config autoanswer, /kb gaps, /kb reload."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app import render
from bot.discord_app.client import FaqBot
from bot.report import build_report, parse_since


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


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class KnowledgeGroup(app_commands.Group, name="kb", description="Curate the knowledge base"):
    def __init__(self, bot: FaqBot) -> None:
        super().__init__()
        self.bot = bot

    @app_commands.command(
        name="gaps",
        description="The top questions people asked that the bot could not answer (last 30 days)",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def gaps(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await asyncio.to_thread(
            build_report, self.bot.settings.db_path, parse_since(None), interaction.guild_id
        )
        lines = [
            f"**{i}.** x{c.count}  {discord.utils.escape_markdown(c.representative)}"
            f"\n   nearest: `{c.nearest_id or '-'}` ({c.nearest_score:.2f})"
            for i, c in enumerate(report.clusters[:10], 1)
        ]
        embed = discord.Embed(
            title="Unanswered questions in this server (30 days)",
            colour=render.UNSURE_COLOUR,
            description=render.clip("\n".join(lines) or "None recorded.", render.DESCRIPTION_LIMIT),
        )
        embed.set_footer(text="Full report: python -m bot report --html report.html")
        await interaction.followup.send(embed=render.fit(embed), ephemeral=True)

    @app_commands.command(
        name="reload",
        description="Reload knowledge/ (validated first; on "
        "any error the current one keeps answering)",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def reload(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        ok, message = await self.bot.reload_knowledge()
        text = (
            message
            if ok
            else (
                "Not reloaded: the current knowledge base keeps answering."
                f"\n```\n{render.clip(message, 1800)}\n```"
            )
        )
        await interaction.followup.send(text, ephemeral=True)


class AdminCog(commands.Cog):
    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        self.groups: list[app_commands.Group] = [ConfigGroup(bot), KnowledgeGroup(bot)]
        for group in self.groups:
            bot.tree.add_command(group)

    async def cog_unload(self) -> None:
        for group in self.groups:
            self.bot.tree.remove_command(group.name)


async def setup(bot: FaqBot) -> None:
    await bot.add_cog(AdminCog(bot))
