"""``python -m govinfo_report``: the command line."""

import sys

from .cli import main

sys.exit(main())
