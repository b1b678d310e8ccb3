"""Clicks on our buttons that nothing handled (an old format, a removed feature) get a short
note instead of Discord's "This interaction failed"."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.discord_app.ui.common import send_ephemeral

if TYPE_CHECKING:
    from bot.discord_app.bot import FaqBot

#: seconds to let a button's own handler answer first (Discord allows 3)
UNHANDLED_GRACE = 1.5
EXPIRED = "This button has expired. Ask again with `/ask` or browse with `/topics`."


class ExpiredCog(commands.Cog):
    """Answers clicks that no registered item took."""

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction[FaqBot]) -> None:
        """A component of ours still unanswered after the grace period: say it expired."""
        if interaction.type is not discord.InteractionType.component:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        if not str(data.get("custom_id", "")).startswith("faq:"):
            return
        await asyncio.sleep(UNHANDLED_GRACE)
        if not interaction.response.is_done():
            await send_ephemeral(interaction, EXPIRED)


async def setup(bot: FaqBot) -> None:
    """Load the fallback for unhandled clicks."""
    await bot.add_cog(ExpiredCog(bot))
