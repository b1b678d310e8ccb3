"""/kb: curating the knowledge base from Discord (Manage Server): gaps and reload."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.curator.database import DatabaseError, database_from_settings
from bot.curator.report import build_report, parse_since
from bot.discord_app import render
from bot.discord_app.delivery import deliver

if TYPE_CHECKING:
    from bot.discord_app.bot import FaqBot

log = logging.getLogger(__name__)
GAPS_SHOWN = 10


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class KnowledgeCog(
    commands.GroupCog, group_name="kb", group_description="Curate the knowledge base"
):
    """The /kb group."""

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(
        name="gaps",
        description="The top questions people asked that the bot could not answer (last 30 days)",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def gaps(self, interaction: discord.Interaction[FaqBot]) -> None:
        """The top unanswered clusters in this server, from the curator store."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            report = await asyncio.to_thread(
                build_report,
                database_from_settings(self.bot.settings),
                parse_since(None),
                interaction.guild_id,
            )
        except DatabaseError as exc:
            log.error("/kb gaps: cannot read the curator store: %s", exc)
            await interaction.followup.send(
                "The curator store cannot be read right now; try again later.", ephemeral=True
            )
            return
        lines = [
            f"**{i}.** x{c.count}  {discord.utils.escape_markdown(c.representative)}"
            f"\n   nearest: `{c.nearest_id or '-'}` ({c.nearest_score:.2f})"
            for i, c in enumerate(report.clusters[:GAPS_SHOWN], 1)
        ]
        embed = discord.Embed(
            title="Unanswered questions in this server (30 days)",
            colour=render.UNSURE_COLOUR,
            description=render.clip("\n".join(lines) or "None recorded.", render.DESCRIPTION_LIMIT),
        )
        embed.set_footer(text="Full report: python -m bot report --html report.html")
        await deliver(
            lambda: interaction.followup.send(embed=render.fit(embed), ephemeral=True),
            what="gaps report",
            metrics=self.bot.metrics,
        )

    @app_commands.command(
        name="reload",
        description="Reload knowledge/ (validated first; on "
        "any error the current one keeps answering)",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def reload(self, interaction: discord.Interaction[FaqBot]) -> None:
        """Reload the knowledge files, all or nothing."""
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


async def setup(bot: FaqBot) -> None:
    """Load the /kb group."""
    await bot.add_cog(KnowledgeCog(bot))
