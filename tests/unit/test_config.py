"""Settings from the environment: token handling and shard options."""

from __future__ import annotations

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
