"""``python -m thidua.plans.parsing FILE`` — the parser without Django."""

from __future__ import annotations

import sys

from thidua.plans.parsing.cli import main

sys.exit(main(sys.argv[1:]))
