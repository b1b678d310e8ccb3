"""`python -m bot`: see bot/cli.py and the command-line contract in DESIGN.md."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
