"""CCM advocacy Q&A bot: a curated, sourced knowledge base behind Discord, a terminal and a CLI."""

__version__ = "0.1.0"
