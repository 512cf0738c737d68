"""``python -m ledger``: run the command-line interface."""

from ledger.cli import main

raise SystemExit(main())
