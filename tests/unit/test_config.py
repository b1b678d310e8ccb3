"""Settings from the environment: token handling and shard options."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings


def test_shard_ids_accept_commas_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_SHARD_COUNT", "4")
    monkeypatch.setenv("BOT_SHARD_IDS", "2,3")
    assert Settings(_env_file=None).shard_ids == (2, 3)  # type: ignore[call-arg]
    monkeypatch.setenv("BOT_SHARD_IDS", "[0, 1]")
    assert Settings(_env_file=None).shard_ids == (0, 1)  # type: ignore[call-arg]


@pytest.mark.parametrize("count,ids", [(None, "0,1"), ("2", "1,2")])
def test_inconsistent_shards_are_refused(
    monkeypatch: pytest.MonkeyPatch, count: str | None, ids: str
) -> None:
    if count:
        monkeypatch.setenv("BOT_SHARD_COUNT", count)
    monkeypatch.setenv("BOT_SHARD_IDS", ids)
    with pytest.raises(ValidationError, match="BOT_SHARD"):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_blank_token_means_no_token_and_is_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "   ")
    assert Settings(_env_file=None).discord_token is None  # type: ignore[call-arg]
    monkeypatch.setenv("DISCORD_TOKEN", "secret-value")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert "secret-value" not in repr(settings) and "secret-value" not in str(settings)


def test_environment_names_stay_the_documented_ones(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The env_prefix keeps the contract in the README: BOT_* names, DISCORD_TOKEN."""
    for name, value in {
        "BOT_DB_PATH": str(tmp_path / "x.sqlite3"),
        "BOT_KNOWLEDGE_DIR": str(tmp_path),
        "BOT_COOLDOWN_RATE": "7",
        "BOT_AUTOANSWER_CONFIDENCE": "0.9",
        "BOT_MESSAGE_CONTENT": "true",
        "DISCORD_TOKEN": "t0ken",
    }.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.db_path == tmp_path / "x.sqlite3" and settings.knowledge_dir == tmp_path
    assert settings.cooldown_rate == 7 and settings.autoanswer_confidence == 0.9
    assert settings.message_content and settings.discord_token is not None
    assert Settings(_env_file=None, cooldown_rate=2).cooldown_rate == 2  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "env,fragment",
    [
        ({"BOT_LOG_LEVEL": "LOUD"}, "BOT_LOG_LEVEL: must be one of DEBUG"),
        ({"BOT_SHARD_IDS": "[0,1", "BOT_SHARD_COUNT": "2"}, "BOT_SHARD_IDS: a bracket"),
        ({"BOT_SHARD_IDS": "0,,1", "BOT_SHARD_COUNT": "2"}, "BOT_SHARD_IDS: must be shard"),
        ({"BOT_COOLDOWN_RATE": "abc"}, "BOT_COOLDOWN_RATE: must be a whole number (got 'abc')"),
        ({"BOT_METRICS_PORT": "70000"}, "BOT_METRICS_PORT: must be less than or equal"),
        ({"BOT_DB_URL": "sqlite:///x.db"}, "BOT_DB_URL: must start with postgresql://"),
    ],
)
def test_a_bad_setting_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], fragment: str
) -> None:
    from bot.config import describe_errors

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)  # type: ignore[call-arg]
    [line] = describe_errors(caught.value)
    assert fragment in line


def test_log_level_is_case_insensitive_and_db_url_stays_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BOT_LOG_LEVEL", "debug")
    monkeypatch.setenv("BOT_DB_URL", "postgresql://bot:s3cret@db.internal:5432/ccm")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.log_level == "DEBUG"
    assert settings.db_url is not None and "s3cret" not in repr(settings)
