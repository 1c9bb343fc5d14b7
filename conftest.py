"""Loaded by pytest for every run, whatever paths it is given.

Importing the package first means that the doctests of one module (``pytest
src/govinfo_report/model.py``) see the same classes as the rest of the package: pytest's
importlib mode reuses a module already in ``sys.modules`` instead of loading a second copy.
"""

import govinfo_report  # noqa: F401
