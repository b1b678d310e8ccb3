"""`python -m bot`: see bot/cli.py and the README's "Command line"."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
