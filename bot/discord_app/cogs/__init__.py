"""One extension per file, each ending in `async def setup(bot)`; `FaqBot` loads them all."""
