"""`python -m cli`: the `rally-kg` command."""

import sys

from cli.main import main

sys.exit(main())
