"""Branch Desk's bundled resources (icons, and what else the app reads but never writes).

This folder is the single copy; pyproject.toml maps it into the package as
``branch_desk.resources`` so that an editable install, a wheel and the PyInstaller bundle all find
it through ``branch_desk.paths``.
"""
