"""Browsing: /topics (select a topic, page through its questions) and /about."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer.messages import LANGUAGES_LINE
from bot.discord_app import render
from bot.discord_app.ui import browse as browse_ui

if TYPE_CHECKING:
    from bot.discord_app.bot import FaqBot


class BrowseCog(commands.Cog):
    """/topics and /about; it sends (and so registers) the topic menu and page buttons."""

    ITEMS = browse_ui.ITEMS

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        """Register the items this cog sends."""
        self.bot.add_dynamic_items(*self.ITEMS)

    async def cog_unload(self) -> None:
        """Undo `cog_load`."""
        self.bot.remove_dynamic_items(*self.ITEMS)

    @app_commands.command(name="topics", description="Browse everything the bot can answer")
    async def topics(self, interaction: discord.Interaction[FaqBot]) -> None:
        """Every topic, and a menu to open one."""
        embed, view = browse_ui.topics_message(self.bot.answerer.kb)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
        self.bot.expiry.interaction(interaction, view)

    @app_commands.command(
        name="about", description="What this bot is and where its answers come from"
    )
    async def about(self, interaction: discord.Interaction[FaqBot]) -> None:
        """What the bot is, where its answers come from, and how current they are."""
        kb = self.bot.answerer.kb
        reviewed = kb.reviewed.isoformat() if kb.reviewed else "not recorded"
        embed = discord.Embed(
            title="About this bot",
            colour=render.ANSWER_COLOUR,
            description=(
                "I answer questions about the **Convention on Cluster Munitions**, Cambodia's "
                "mine and cluster munition clearance, and the July 2023 US transfer of "
                "cluster munitions to Ukraine with Hun Sen's appeal against their use.\n\n"
                "Answers come from a curated knowledge base built on a Phnom Penh Post article "
                "of July 2023 and a verified fact sheet drawn from the treaty text, the UN, "
                "the Cluster Munition Monitor, Cambodia's CMAA and news reports. Each answer "
                'lists its sources; figures carry an "as of" date; what people said is '
                "attributed to them. When I'm not sure, I say so.\n\n"
                "I answer in **English** and in **Khmer** (ខ្មែរ): ask in Khmer and you get "
                "the Khmer answer, with its sources. The Khmer text says when no native "
                "speaker has reviewed it yet."
            ),
        )
        embed.add_field(name="Entries", value=str(len(kb.entries)))
        embed.add_field(name="Topics", value=str(len(kb.topics)))
        embed.add_field(name="Last reviewed", value=reviewed)
        khmer = [e for e in kb.entries if e.km is not None]
        reviewed_km = sum(1 for e in khmer if e.km is not None and e.km.reviewed)
        embed.add_field(
            name="Languages",
            value=f"{LANGUAGES_LINE}\nKhmer: {len(khmer)} entries, {reviewed_km} reviewed",
            inline=False,
        )
        await interaction.response.send_message(embed=render.fit(embed), ephemeral=True)


async def setup(bot: FaqBot) -> None:
    """Load the browse cog."""
    await bot.add_cog(BrowseCog(bot))
