"""Settings from the environment or `.env` (the contract in the README, "Configuration")."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: settings whose value is secret: an error about them never repeats what was given
SECRET_SETTINGS = frozenset({"discord_token", "db_url"})


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
    #: a PostgreSQL URL (postgresql://user:password@host:port/dbname): one store shared by
    #: every shard process; when set, BOT_DB_PATH is not used
    db_url: SecretStr | None = None
    #: curator records older than this many days are pruned
    retention_days: int = Field(default=180, ge=1)
    dev_guild_id: int | None = None
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: Annotated[tuple[int, ...] | None, NoDecode] = None
    log_level: str = "INFO"
    #: serve Prometheus metrics and /healthz on this port (off when unset)
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    #: the address the metrics endpoint listens on; 0.0.0.0 to be scraped from elsewhere
    metrics_addr: str = "127.0.0.1"
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

    @field_validator("db_url", mode="before")
    @classmethod
    def _postgres_url(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, str) and not value.strip().startswith(
            ("postgresql://", "postgres://")
        ):
            raise ValueError("must start with postgresql:// (or leave it unset to use SQLite)")
        return value.strip() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _known_level(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().upper() not in LOG_LEVELS:
                raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
            return value.strip().upper()
        return value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        """Accept `0,1,2` as well as JSON `[0,1,2]`."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("[") != text.endswith("]"):
                raise ValueError("a bracket is not closed: write 0,1 or [0,1]")
            parts = [part.strip() for part in text.strip("[]").split(",")]
            if not all(part.isdigit() for part in parts if part) or "" in parts[:-1]:
                raise ValueError("must be shard numbers separated by commas, like 0,1 or [0,1]")
            return tuple(int(part) for part in parts if part) or None
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


def env_name(field: str) -> str:
    """The environment variable behind a Settings field.

    >>> env_name("shard_ids"), env_name("discord_token")
    ('BOT_SHARD_IDS', 'DISCORD_TOKEN')
    """
    return "DISCORD_TOKEN" if field == "discord_token" else f"BOT_{field.upper()}"


def describe_errors(exc: ValidationError) -> list[str]:
    """One line per bad setting, naming its environment variable and what was given (never a
    secret's value)."""
    lines = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        message = str(error["msg"]).removeprefix("Value error, ")
        if message.startswith("Input should"):
            message = "must" + message.removeprefix("Input should")
        if error["type"] in ("int_parsing", "int_type", "int_from_float"):
            message = "must be a whole number"
        elif error["type"] in ("float_parsing", "float_type"):
            message = "must be a number"
        elif error["type"] in ("bool_parsing", "bool_type"):
            message = "must be true or false"
        if not field:
            lines.append(f"configuration error: {message}")
            continue
        given = error.get("input")
        shown = (
            f" (got {given!r})"
            if field not in SECRET_SETTINGS and isinstance(given, str | int | float)
            else ""
        )
        lines.append(f"configuration error: {env_name(field)}: {message}{shown}")
    return lines
