"""One cog per feature: ask (questions in any form), browse (/topics, /about), admin."""
