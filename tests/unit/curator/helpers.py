"""Small helpers the curator tests share: read a database behind the store's back."""

from __future__ import annotations

from typing import Any

from bot.curator.database import Database


def rows(database: Database, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read straight from the database (a separate connection from the store's)."""
    db = database.connect()
    try:
        return db.execute(sql, args)
    finally:
        db.close()


def count(database: Database, table: str) -> int:
    return int(rows(database, f"SELECT COUNT(*) FROM {table}")[0][0])
