"""`python -m adviseur`."""

from __future__ import annotations

from adviseur.cli import main

raise SystemExit(main())
