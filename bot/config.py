"""Settings from the environment or `.env` (the contract in the README, "Configuration")."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    """Prefer ./name when run from a checkout; fall back to the copy next to the package."""
    local = Path(name)
    return local if local.is_dir() else PROJECT_ROOT / name


class Settings(BaseSettings):
    """Every setting the bot reads, from `BOT_*` environment variables (and DISCORD_TOKEN).

    Tests and tools pass them by field name: `Settings(db_path=...)`.
    """

    model_config = SettingsConfigDict(
        env_prefix="BOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    knowledge_dir: Path = Field(default_factory=lambda: _bundled("knowledge"))
    seeds_dir: Path = Field(default_factory=lambda: _bundled("seeds"))
    db_path: Path = Path("data/bot.sqlite3")
    #: curator records older than this many days are pruned
    retention_days: int = Field(default=180, ge=1)
    dev_guild_id: int | None = None
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: Annotated[tuple[int, ...] | None, NoDecode] = None
    log_level: str = "INFO"
    #: the privileged message-content intent, needed only for opt-in auto-answer channels
    message_content: bool = False
    #: per-user cooldown: at most `cooldown_rate` questions every `cooldown_seconds`
    cooldown_rate: int = Field(default=5, ge=1)
    cooldown_seconds: float = Field(default=30.0, gt=0)
    #: auto-answer only above this confidence (estimated chance of being right)
    autoanswer_confidence: float = Field(default=0.97, ge=0, le=1)
    #: `kb review` lists volatile figures whose as_of is older than this many days
    review_max_age_days: int = Field(default=365, ge=1)

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        """Accept `0,1,2` as well as JSON `[0,1,2]`."""
        if isinstance(value, str):
            text = value.strip().strip("[]")
            return tuple(int(part) for part in text.split(",") if part.strip()) or None
        if isinstance(value, int):
            return (value,)
        return value

    @model_validator(mode="after")
    def _shards_need_a_count(self) -> Settings:
        if self.shard_ids and self.shard_count is None:
            raise ValueError("BOT_SHARD_IDS needs BOT_SHARD_COUNT (the total number of shards)")
        if self.shard_ids and self.shard_count and max(self.shard_ids) >= self.shard_count:
            raise ValueError("every BOT_SHARD_IDS value must be below BOT_SHARD_COUNT")
        return self
